package dev.nginxlint.fix;

/** Whether a fix may be applied without asking (as in Ruff). */
public enum Applicability {
  /** Keeps the config's meaning apart from removing the problem: applied by --fix. */
  SAFE,
  /** Changes behaviour (timeouts, failover): applied only with --unsafe-fixes. */
  UNSAFE,
  /** Shown as a suggestion, never applied (it needs facts only the user has). */
  DISPLAY_ONLY;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
