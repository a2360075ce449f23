package dev.nginxlint;

import java.util.List;
import java.util.Map;

/** A minimal JSON writer: maps, lists, strings, numbers, booleans and null, with exact escaping. */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, true);
    return sb.toString();
  }

  public static String writeCompact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, false);
    return sb.toString();
  }

  /**
   * Appends {@code value} as {@link #write(Object)} writes it, at nesting depth {@code indent}
   * (its first line is not indented: the caller has placed it), so that a big document can be
   * written piece by piece.
   */
  public static void writeTo(StringBuilder sb, Object value, int indent) {
    write(sb, value, indent, true);
  }

  private static void write(StringBuilder sb, Object v, int indent, boolean pretty) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, indent + 1, pretty);
        string(sb, String.valueOf(e.getKey()));
        sb.append(pretty ? ": " : ":");
        write(sb, e.getValue(), indent + 1, pretty);
      }
      newline(sb, indent, pretty);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (Object o : l) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, indent + 1, pretty);
        write(sb, o, indent + 1, pretty);
      }
      newline(sb, indent, pretty);
      sb.append(']');
    } else {
      string(sb, v.toString());
    }
  }

  private static final String SPACES = " ".repeat(64);

  /** A line break and two spaces per level. */
  private static void newline(StringBuilder sb, int indent, boolean pretty) {
    if (pretty) {
      sb.append('\n');
      for (int n = 2 * indent; n > 0; n -= SPACES.length()) {
        sb.append(SPACES, 0, Math.min(n, SPACES.length()));
      }
    }
  }

  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    // the plain stretch before the first character that needs an escape goes in one piece
    int plain = 0;
    while (plain < s.length()) {
      char c = s.charAt(plain);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
        break;
      }
      plain++;
    }
    if (plain == s.length()) {
      // nothing to escape (the usual case): the String in one copy (append(s, from, to) goes
      // char by char)
      sb.append(s).append('"');
      return;
    }
    sb.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
