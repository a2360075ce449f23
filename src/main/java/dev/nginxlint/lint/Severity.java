package dev.nginxlint.lint;

/** How serious a finding is; `error` is kept for what nginx would refuse to load. */
public enum Severity {
  INFO, WARNING, ERROR;

  /** Made once per constant: reports ask it for every finding. */
  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  public String label() {
    return label;
  }

  public static Severity parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "info", "note" -> INFO;
      case "warning", "warn" -> WARNING;
      case "error" -> ERROR;
      default -> throw new IllegalArgumentException("unknown severity \"" + s + "\" (use error, warning or info)");
    };
  }
}
