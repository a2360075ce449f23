package dev.nginxlint.report;

/** Where a rule's documentation lives, for links in reports. */
public final class Docs {
  public static final String BASE = "https://github.com/nginx-lint/nginx-lint/blob/main/rules/";

  private Docs() {}

  public static String url(String rule) {
    return BASE + rule + ".md";
  }
}
