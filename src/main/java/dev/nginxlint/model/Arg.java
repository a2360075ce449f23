package dev.nginxlint.model;

import java.util.Objects;

/**
 * One word of a directive: its value as nginx stores it (quotes removed, escapes applied,
 * decoded as UTF-8 for display and comparison), its raw spelling and where it stands.
 *
 * <p>The position is kept as byte offsets; the {@link Span} with lines and columns is worked out
 * on first use. A big file has a hundred thousand words and only those a finding or a fix
 * points at ever need their line and column.
 */
public final class Arg {
  private final String value;
  private final String raw;
  private final Quote quote;
  private final LineIndex lines;
  private final int start;
  private final int end;
  /** Made from the offsets on first use; racing threads make equal ones. */
  private Span span;

  /** A word at bytes [start, end) of the file {@code lines} indexes; its span is made when asked. */
  public Arg(String value, String raw, Quote quote, LineIndex lines, int start, int end) {
    this.value = value;
    this.raw = raw;
    this.quote = quote;
    this.lines = lines;
    this.start = start;
    this.end = end;
  }

  public String value() { return value; }
  public String raw() { return raw; }
  public Quote quote() { return quote; }
  /** The first byte's offset (the same as {@code span().start()}, without making the span). */
  public int start() { return start; }
  /** The offset after the last byte (the same as {@code span().end()}). */
  public int end() { return end; }

  public Span span() {
    Span s = span;
    if (s == null) {
      s = lines.span(start, end);
      span = s;
    }
    return s;
  }

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

  /** Equal words: the same value, spelling, quoting and place (as when this was a record). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Arg a && value.equals(a.value) && raw.equals(a.raw) && quote == a.quote
        && start == a.start && end == a.end && span().equals(a.span());
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, raw, quote, start, end);
  }

  @Override
  public String toString() {
    return raw;
  }
}
