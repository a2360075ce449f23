package dev.nginxlint.model;

/**
 * One word of a directive: its value as nginx stores it (quotes removed, escapes applied,
 * decoded as UTF-8 for display and comparison), its raw spelling and where it stands.
 */
public record Arg(String value, String raw, Quote quote, Span span) {

  public boolean isQuoted() {
    return quote == Quote.DOUBLE || quote == Quote.SINGLE;
  }

  /** True when the value contains a variable reference nginx would expand. */
  public boolean hasVariable() {
    int i = value.indexOf('$');
    while (i >= 0 && i + 1 < value.length()) {
      char c = value.charAt(i + 1);
      if (c == '{' || c == '_' || Character.isLetterOrDigit(c)) {
        return true;
      }
      i = value.indexOf('$', i + 1);
    }
    return false;
  }

  @Override
  public String toString() {
    return raw;
  }
}
