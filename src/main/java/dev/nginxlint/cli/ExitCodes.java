package dev.nginxlint.cli;

/** The process exit codes: documented in --help and README. */
public final class ExitCodes {
  public static final int CLEAN = 0;
  /** Findings were reported (or a diff printed). */
  public static final int FINDINGS = 1;
  /** Usage, I/O or internal error. */
  public static final int ERROR = 2;

  private ExitCodes() {}
}
