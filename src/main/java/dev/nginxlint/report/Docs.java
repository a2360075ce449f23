package dev.nginxlint.report;

/**
 * Where a rule's documentation lives, for links in reports. The pages ship inside the tool
 * (`nginx-lint rule ID`, SARIF's help text), so a link is given only when the user names where
 * the pages are published (--docs-url BASE, docs-url: in .nginx-lint.yml): no report carries
 * a link that may not exist.
 */
public final class Docs {
  /** The published pages' base, or null; set once per run by the CLI before reporting. */
  private static volatile String base;

  private Docs() {}

  /** Sets (or, with null or blank, clears) the base that links are made from. */
  public static void base(String b) {
    base = b == null || b.isBlank() ? null : b.endsWith("/") ? b : b + "/";
  }

  /** The base as set, or null. */
  public static String base() {
    return base;
  }

  /** The rule page's URL under the base, or null when no base is set. */
  public static String url(String rule) {
    String b = base;
    return b == null ? null : b + rule + ".md";
  }

  /** What a reader runs to read a rule's page, when there is no URL. */
  public static String command(String rule) {
    return "nginx-lint rule " + rule;
  }
}
