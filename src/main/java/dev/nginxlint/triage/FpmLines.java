package dev.nginxlint.triage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lines of php-fpm's own log (its error_log, e.g. /var/log/php8.2-fpm.log), read beside nginx's:
 * "[05-Dec-2026 19:06:13] WARNING: [pool www] server reached pm.max_children setting (2),
 * consider raising it" (zlog's default format; a fraction of a second may follow the seconds).
 * The time becomes nginx's form, the level nginx's name for it; a pool's message gets the target
 * "php-fpm pool NAME", which ties it to a fastcgi_pass.
 */
final class FpmLines {

  /** The php-fpm pool target prefix: a group's upstream that is a pool, not an address. */
  static final String POOL = "php-fpm pool ";
  static final String MAX_CHILDREN = "server reached pm.max_children setting";

  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final Map<String, String> LEVELS = Map.of("DEBUG", "debug", "NOTICE", "notice", "WARNING", "warn",
      "ERROR", "error", "ALERT", "alert");

  private FpmLines() {}

  /** The parsed line, or null when it is not a complete php-fpm log line. */
  static LogLine parse(String s) {
    // "[DD-Mon-YYYY HH:MM:SS" then optional ".ffffff", then "] LEVEL: "
    if (s.length() < 30 || s.charAt(3) != '-' || s.charAt(7) != '-' || s.charAt(12) != ' '
        || s.charAt(15) != ':' || s.charAt(18) != ':') {
      return null;
    }
    int month = MONTHS.indexOf(s.substring(4, 7).toLowerCase(Locale.ROOT)) + 1;
    String day = s.substring(1, 3);
    String year = s.substring(8, 12);
    String clock = s.substring(13, 21);
    if (month == 0 || !digits(day) || !digits(year) || !digits(clock.replace(":", ""))) {
      return null;
    }
    int close = s.indexOf("] ", 21);
    if (close < 0 || close > 30) {
      return null;
    }
    int colon = s.indexOf(": ", close + 2);
    if (colon < 0) {
      return null;
    }
    String level = LEVELS.get(s.substring(close + 2, colon));
    if (level == null) {
      return null;
    }
    String time = year + "/" + (month < 10 ? "0" : "") + month + "/" + day + " " + clock;
    long key = LogLineParser.timeKey(time);
    String message = s.substring(colon + 2);
    if (message.isEmpty() || message.charAt(message.length() - 1) == '\uFFFD') {
      return null;
    }
    String target = null;
    String core = message;
    if (core.startsWith("[pool ")) {
      int end = core.indexOf("] ");
      if (end < 0) {
        return null;
      }
      target = POOL + core.substring(6, end);
      core = core.substring(end + 2);
    }
    String op;
    String limit = null;
    // pm = dynamic writes "pm.max_children", pm = ondemand "max_children"
    if (core.startsWith(MAX_CHILDREN) || core.startsWith("server reached max_children setting")) {
      op = MAX_CHILDREN;
      int open = core.indexOf('(');
      int shut = core.indexOf(')', open + 1);
      if (open < 0 || shut < 0) {
        return null; // cut before the number
      }
      limit = core.substring(open + 1, shut);
    } else {
      op = LogLineParser.normalize(core);
    }
    return new LogLine(time, key, level, -1, message, op, 0, limit, null, target, null, null, null, null, null, null,
        -1, false);
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
