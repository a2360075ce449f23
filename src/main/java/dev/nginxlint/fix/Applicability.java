package dev.nginxlint.fix;

/** Whether a fix may be applied without asking (as in Ruff). */
public enum Applicability {
  /** Keeps the config's meaning apart from removing the problem: applied by --fix. */
  SAFE,
  /** Changes behaviour (timeouts, failover): applied only with --unsafe-fixes. */
  UNSAFE,
  /** Shown as a suggestion, never applied (it needs facts only the user has). */
  DISPLAY_ONLY;

  /** Made once per constant: reports ask it for every finding. */
  private final String label = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

  public String label() {
    return label;
  }
}
