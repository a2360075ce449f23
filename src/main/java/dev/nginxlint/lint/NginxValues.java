package dev.nginxlint.lint;

/** nginx's value syntaxes (times, sizes), parsed as nginx parses them. */
public final class NginxValues {
  private NginxValues() {}

  /**
   * A time as nginx's ngx_parse_time reads it ("30s", "1m30s", "500ms", "2h", or a bare number
   * of seconds); -1 when it is not one.
   */
  public static long millis(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return -1;
    }
    long total = 0;
    int i = 0;
    boolean any = false;
    while (i < v.length()) {
      int start = i;
      while (i < v.length() && Character.isDigit(v.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -1;
      }
      long n;
      try {
        n = Long.parseLong(v.substring(start, i));
      } catch (NumberFormatException e) {
        return -1;
      }
      long unit;
      if (v.startsWith("ms", i)) {
        unit = 1;
        i += 2;
      } else if (i < v.length() && Character.isLetter(v.charAt(i))) {
        unit = switch (v.charAt(i)) {
          case 'y' -> 365L * 24 * 3600 * 1000;
          case 'M' -> 30L * 24 * 3600 * 1000;
          case 'w' -> 7L * 24 * 3600 * 1000;
          case 'd' -> 24L * 3600 * 1000;
          case 'h' -> 3600L * 1000;
          case 'm' -> 60L * 1000;
          case 's' -> 1000L;
          default -> -1L;
        };
        if (unit < 0) {
          return -1;
        }
        i++;
      } else {
        unit = 1000; // a bare number is seconds
      }
      total += n * unit;
      any = true;
      while (i < v.length() && v.charAt(i) == ' ') {
        i++;
      }
    }
    return any ? total : -1;
  }
}
