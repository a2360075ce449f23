package dev.nginxlint.parse;

/**
 * nginx's escape processing for a stored word (§7 of nginx-lexer.md): the same table for bare
 * and quoted words. Works on "byte strings" (one char per byte, ISO-8859-1).
 */
public final class Words {
  private Words() {}

  /** The value nginx stores for a word spelled {@code raw} (quotes, if any, included). */
  public static String value(String raw) {
    int from = 0;
    int to = raw.length();
    if (to >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'') && raw.charAt(to - 1) == raw.charAt(0)) {
      from = 1;
      to--;
    } else if (to >= 1 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
      from = 1; // unterminated quote: the content so far
    }
    return unescape(raw, from, to);
  }

  static String unescape(String s, int from, int to) {
    int backslash = s.indexOf('\\', from);
    if (backslash < 0 || backslash >= to) {
      return s.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < to) {
        char n = s.charAt(i + 1);
        switch (n) {
          case '"', '\'', '\\' -> { out.append(n); i++; continue; }
          case 't' -> { out.append('\t'); i++; continue; }
          case 'r' -> { out.append('\r'); i++; continue; }
          case 'n' -> { out.append('\n'); i++; continue; }
          default -> { /* any other escape keeps both bytes */ }
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
