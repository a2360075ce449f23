package dev.nginxlint.rules.support;

/** Numbers as nginx reads them. */
public final class Numbers {

  private Numbers() {
  }

  /** A non-negative integer as nginx's ngx_atoi reads it, or -1. */
  public static int atoi(String s) {
    if (s == null || s.isEmpty() || s.length() > 9) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(s);
  }
}
