package dev.nginxlint.include;

/** Text from a file's bytes as messages show it: control characters as \xNN, never raw to a terminal. */
final class Printable {
  private Printable() {}

  static String of(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (b == null) {
          b = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        b.append(String.format("\\x%02x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
