package dev.nginxlint.triage;

import java.util.Set;

/**
 * Parses nginx error-log lines ({@code ngx_log_error_core}: "YYYY/MM/DD HH:MM:SS [level]
 * PID#TID: *CONN message, client: ..., server: ..., request: "...", upstream: "...", host: "...",
 * referrer: "..."}) without regular expressions: the prefix is checked at fixed positions, the
 * rest found with indexOf. A line that is not complete is rejected (null), so a line cut by log
 * rotation or a stray binary chunk is counted as unparsed rather than misread.
 */
public final class LogLineParser {

  private static final Set<String> LEVELS =
      Set.of("debug", "info", "notice", "warn", "error", "crit", "alert", "emerg");
  /** Fields nginx appends to the message of a request's log line, in the order it writes them. */
  private static final String[] FIELDS = {
      ", client: ", ", server: ", ", request: \"", ", subrequest: \"", ", upstream: \"", ", host: \"", ", referrer: \""};
  /** The stream module's lines (ngx_stream_log_error): "udp client: " for a UDP session, byte counters last. */
  private static final String UDP_CLIENT = ", udp client: ";
  private static final String STREAM_BYTES = ", bytes from/to client:";

  private LogLineParser() {}

  /** The parsed line, or null when it is not a complete nginx error-log line. */
  public static LogLine parse(String s) {
    int n = s.length();
    if (n > 0 && s.charAt(0) == '[') {
      return FpmLines.parse(s);
    }
    if (n < 32 || !prefixShape(s)) {
      return null;
    }
    int close = s.indexOf(']', 21);
    if (close < 0 || close > 28) {
      return null;
    }
    String level = s.substring(21, close);
    if (!LEVELS.contains(level)) {
      return null;
    }
    // " PID#TID: "
    int i = close + 1;
    if (i >= n || s.charAt(i) != ' ') {
      return null;
    }
    int pidAt = i + 1;
    i = digits(s, i + 1);
    if (i < 0 || i >= n || s.charAt(i) != '#') {
      return null;
    }
    long pid = Long.parseLong(s.substring(pidAt, i));
    i = digits(s, i + 1);
    if (i < 0 || i + 1 >= n || s.charAt(i) != ':' || s.charAt(i + 1) != ' ') {
      return null;
    }
    i += 2;
    long conn = -1;
    if (i < n && s.charAt(i) == '*') {
      int end = digits(s, i + 1);
      if (end < 0 || end >= n || s.charAt(end) != ' ') {
        return null;
      }
      conn = Long.parseLong(s.substring(i + 1, Math.min(end, i + 19)));
      i = end + 1;
    }
    if (i >= n || s.charAt(n - 1) == '\uFFFD' || glued(s, i)) {
      return null;
    }
    // a stream line ends with its byte counters, after the fields
    int fieldsEnd = n;
    int bytes = s.indexOf(STREAM_BYTES, i);
    if (bytes >= 0) {
      fieldsEnd = bytes;
    }
    // each field's marker, searched after the previous one (nginx writes them in this order)
    int[] at = new int[FIELDS.length];
    int[] markerLength = new int[FIELDS.length];
    int msgEnd = fieldsEnd;
    int from = i;
    for (int f = 0; f < FIELDS.length; f++) {
      at[f] = s.indexOf(FIELDS[f], from);
      markerLength[f] = FIELDS[f].length();
      if (f == 0 && at[0] < 0) {
        at[0] = s.indexOf(UDP_CLIENT, from);
        markerLength[0] = UDP_CLIENT.length();
      }
      if (at[f] >= fieldsEnd) {
        at[f] = -1;
      }
      if (at[f] >= 0) {
        msgEnd = Math.min(msgEnd, at[f]);
        from = at[f];
      }
    }
    String message = s.substring(i, msgEnd);
    String[] values = new String[FIELDS.length];
    int prev = -1;
    for (int f = 0; f <= FIELDS.length; f++) {
      if (f < FIELDS.length && at[f] < 0) {
        continue;
      }
      if (prev >= 0) {
        int start = at[prev] + markerLength[prev];
        int end = f < FIELDS.length ? at[f] : fieldsEnd;
        // a quoted field must end with its quote: otherwise the line was cut
        if (FIELDS[prev].endsWith("\"") && (end <= start || s.charAt(end - 1) != '"')) {
          return null;
        }
        values[prev] = FIELDS[prev].endsWith("\"") ? s.substring(start, end - 1) : s.substring(start, end);
      }
      prev = f;
    }
    if (values[0] != null && values[1] == null) {
      return null; // nginx always writes server after client
    }
    if (conn >= 0 && values[0] == null) {
      return null; // a request's line always has ", client: ...": this one was cut
    }
    LogLine line = classify(s.substring(0, 19), timeKey(s), level, conn, message,
        values[0], values[1], values[2], values[4], values[5], values[6]);
    if (line != null) {
      line = line.withPid(pid);
      if (bytes >= 0 || at[0] >= 0 && markerLength[0] == UDP_CLIENT.length()) {
        line = line.asStream();
      }
    }
    if (line != null && line.phase() != null && line.phase().endsWith("upstream") && line.upstream() == null
        && line.connection() >= 0) {
      return null; // "... while connecting to upstream" is always followed by the upstream field
    }
    return line;
  }

  /** Splits the message into operation, errno, action and target. */
  static LogLine classify(String time, long key, String level, long conn, String message,
      String client, String server, String request, String upstream, String host, String referrer) {
    String core = message;
    String phase = null;
    String resolver = null;
    int w = core.lastIndexOf(" while ");
    if (w >= 0) {
      phase = core.substring(w + 7);
      core = core.substring(0, w);
      if (phase.startsWith("resolving, resolver: ")) {
        // the resolver's own socket errors name the resolver (ngx_resolver_log_error)
        resolver = phase.substring(21);
        phase = "resolving";
      }
    }
    int errno = 0;
    String errText = null;
    int paren = errnoStart(core);
    if (paren >= 0) {
      int colon = core.indexOf(':', paren);
      int end = core.indexOf(')', colon);
      if (end < 0) {
        return null; // "(111: Connection ref" — cut mid-line
      }
      errno = Integer.parseInt(core.substring(paren + 1, colon));
      errText = core.substring(colon + 2 <= end ? colon + 2 : colon + 1, end);
      String after = core.substring(end + 1);
      core = core.substring(0, paren).stripTrailing() + after;
    }
    int ssl = core.indexOf(" (SSL: ");
    if (paren < 0 && ssl > 0 && core.endsWith(")")) {
      // "SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number)"
      errText = core.substring(ssl + 2, core.length() - 1);
      core = core.substring(0, ssl);
    }
    String target = resolver;
    String op;
    if (core.startsWith("connect() to ") && core.endsWith(" failed")) {
      op = "connect() failed";
      target = core.substring(13, core.length() - 7);
    } else if (core.endsWith(" could not be resolved")) {
      op = "could not be resolved";
      target = core.substring(0, core.length() - 22);
    } else if (core.startsWith("no resolver defined to resolve ")) {
      op = "no resolver defined to resolve";
      target = core.substring(31);
    } else if (core.endsWith(" worker_connections are not enough") || core.endsWith("worker_connections are not enough, reusing connections")) {
      op = "worker_connections are not enough";
    } else if (core.startsWith("upstream sent no valid HTTP/1.0 header")) {
      // the generic masking would turn "HTTP/1.0" into "HTTP/N.N" and hide it from the catalog
      op = "upstream sent no valid HTTP/1.0 header";
    } else if (core.startsWith("upstream sent invalid header")) {
      op = "upstream sent invalid header";
    } else {
      op = normalize(core);
    }
    return new LogLine(time, key, level, conn, message, op, errno, errText, phase, target,
        client, server, request, upstream, host, referrer, -1, false);
  }

  /**
   * A stable name for messages the catalog does not special-case: "open() "/x" failed" →
   * "open() failed", quoted parts and numbers masked, at most 80 characters.
   */
  static String normalize(String core) {
    int call = core.indexOf("() ");
    if (call > 0 && call < 40 && core.endsWith(" failed") && isWord(core, 0, call)) {
      return core.substring(0, call + 2) + " failed";
    }
    StringBuilder sb = new StringBuilder(Math.min(core.length(), 80));
    boolean inQuote = false;
    for (int k = 0; k < core.length() && sb.length() < 80; k++) {
      char c = core.charAt(k);
      if (c == '"') {
        if (!inQuote) {
          sb.append("\"...\"");
        }
        inQuote = !inQuote;
      } else if (inQuote) {
        continue;
      } else if (c >= '0' && c <= '9') {
        if (sb.length() == 0 || sb.charAt(sb.length() - 1) != 'N') {
          sb.append('N');
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString().strip();
  }

  private static boolean isWord(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return to > from;
  }

  /** Index of "(" in "(111: Connection refused)", or -1. */
  private static int errnoStart(String s) {
    int from = 0;
    while (true) {
      int p = s.indexOf('(', from);
      if (p < 0 || p + 3 >= s.length()) {
        return -1;
      }
      int d = p + 1;
      while (d < s.length() && d - p <= 6 && Character.isDigit(s.charAt(d))) {
        d++;
      }
      if (d > p + 1 && d < s.length() && s.charAt(d) == ':' && d - p <= 6) {
        return p;
      }
      from = p + 1;
    }
  }

  /** True when the start of another log line is glued into this one (a write cut by rotation). */
  private static boolean glued(String s, int from) {
    int p = s.indexOf('[', from);
    while (p >= 0) {
      int close = s.indexOf(']', p);
      if (close > p && close - p <= 7 && p >= 20 && s.charAt(p - 1) == ' '
          && LEVELS.contains(s.substring(p + 1, close)) && prefixShape(s, p - 20)) {
        return true;
      }
      p = s.indexOf('[', p + 1);
    }
    return false;
  }

  private static boolean prefixShape(String s) {
    return prefixShape(s, 0) && s.charAt(20) == '[';
  }

  /** "YYYY/MM/DD HH:MM:SS " at {@code o}, with plausible values. */
  private static boolean prefixShape(String s, int o) {
    if (o < 0 || s.length() < o + 20) {
      return false;
    }
    for (int k = 0; k < 20; k++) {
      char c = s.charAt(o + k);
      boolean ok = switch (k) {
        case 4, 7 -> c == '/';
        case 10, 19 -> c == ' ';
        case 13, 16 -> c == ':';
        default -> c >= '0' && c <= '9';
      };
      if (!ok) {
        return false;
      }
    }
    int month = two(s, o + 5);
    int day = two(s, o + 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && two(s, o + 11) < 24
        && two(s, o + 14) < 60 && two(s, o + 17) < 61;
  }

  private static int two(String s, int at) {
    return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
  }

  /** yyyyMMddHHmmss as a number, from the validated prefix. */
  static long timeKey(String s) {
    long k = 0;
    for (int p = 0; p < 19; p++) {
      char c = s.charAt(p);
      if (c >= '0' && c <= '9') {
        k = k * 10 + (c - '0');
      }
    }
    return k;
  }

  /** End of a run of 1..18 digits starting at {@code i}, or -1. */
  private static int digits(String s, int i) {
    int j = i;
    while (j < s.length() && j - i < 19 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
      j++;
    }
    return j == i || j - i > 18 ? -1 : j;
  }
}
