package dev.nginxlint.triage;

/**
 * One parsed nginx error-log line. {@code time} is as written ("2026/11/23 15:04:05"),
 * {@code timeKey} the same instant as a comparable number (20261123150405). The message is split
 * the way nginx builds it: the operation ({@code op}, normalised: "connect() to X failed" becomes
 * "connect() failed"), the errno and its text, the action after " while ", and the request fields
 * nginx appends (client, server, request, upstream, host, referrer), null when absent, and the
 * worker's pid.
 */
public record LogLine(
    String time,
    long timeKey,
    String level,
    long connection,
    String message,
    String op,
    int errno,
    String errText,
    String phase,
    /** What the operation named: the address of "connect() to X failed", a host name that could not be resolved. */
    String target,
    String client,
    String server,
    String request,
    String upstream,
    String host,
    String referrer,
    /** The worker's process id (the PID of "PID#TID"), -1 when unknown. */
    long pid,
    /** A stream (TCP/UDP proxy) session's line: {@code server} is then the listen address, not a name. */
    boolean stream) {

  LogLine withPid(long p) {
    return new LogLine(time, timeKey, level, connection, message, op, errno, errText, phase, target, client, server,
        request, upstream, host, referrer, p, stream);
  }

  LogLine asStream() {
    return new LogLine(time, timeKey, level, connection, message, op, errno, errText, phase, target, client, server,
        request, upstream, host, referrer, pid, true);
  }

  /** The upstream peer as host:port, unix:PATH or an upstream group name; falls back to {@link #target}. */
  public String upstreamKey() {
    if (upstream != null) {
      return peerOf(upstream);
    }
    return target;
  }

  /**
   * "http://127.0.0.1:9000/api" → "127.0.0.1:9000"; "http://unix:/run/app.sock:/x" →
   * "unix:/run/app.sock"; "http://flaky/path" → "flaky"; "fastcgi://127.0.0.1:9000" → "127.0.0.1:9000".
   */
  public static String peerOf(String url) {
    String rest = url;
    int sep = rest.indexOf("://");
    if (sep >= 0) {
      rest = rest.substring(sep + 3);
    }
    if (rest.startsWith("unix:")) {
      int colon = rest.indexOf(':', 5);
      return colon < 0 ? rest : rest.substring(0, colon);
    }
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** The path of the request line ("GET /api/x?y=1 HTTP/1.1" → "/api/x"), or null. */
  public String requestPath() {
    if (request == null) {
      return null;
    }
    int sp = request.indexOf(' ');
    if (sp < 0) {
      return null;
    }
    int end = request.indexOf(' ', sp + 1);
    String uri = end < 0 ? request.substring(sp + 1) : request.substring(sp + 1, end);
    int q = uri.indexOf('?');
    if (q >= 0) {
      uri = uri.substring(0, q);
    }
    return uri.startsWith("/") ? uri : null;
  }
}
