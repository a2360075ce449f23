package dev.nginxlint.triage;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.model.Directive;
import java.util.List;
import java.util.Set;

/**
 * Port exhaustion (errno 99) towards an upstream that has {@code keepalive}: the cache keeps at
 * most N idle connections per worker, so when more requests are in flight the rest open and close
 * a connection each, and their TIME-WAIT sockets use up the ports. The log's peak (client
 * connections of one worker failing in the same second) gives a lower bound for the size.
 */
public final class KeepaliveAdvice {

  /** What the 502 lab measured (README, "The 502 lab", scenario 3-keepalive-too-small). */
  static final String LAB = "in the 502 lab, keepalive 8 with 64 concurrent connections on one worker failed 61,105"
      + " of 73,524 requests with errno 99; keepalive 64 failed none";

  /** Rules whose findings mean the connections are not reused at all, whatever the cache size. */
  private static final Set<String> NO_REUSE = Set.of("proxy-http-version", "proxy-connection-header",
      "upstream-keepalive-order", "fastcgi-keep-conn");

  private KeepaliveAdvice() {}

  /** The keepalive size to suggest for a peak: at least the peak, rounded up to a power of two. */
  public static int suggest(int peak) {
    int n = 1;
    while (n < peak && n < (1 << 20)) {
      n <<= 1;
    }
    return n;
  }

  /** The size {@link #text} suggests (the peak was above the cache), or null. */
  public static Integer suggested(GroupAccumulator.Group g, Directive keepalive, List<Finding> findings) {
    String t = text(g, keepalive, findings);
    return t != null && t.contains(". Set keepalive ") ? suggest(g.peakConnections) : null;
  }

  /** The cache size written in {@code keepalive N}, or -1. */
  static int size(Directive keepalive) {
    try {
      return Integer.parseInt(keepalive.arg(0));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The advice for a port-exhaustion group whose upstream has {@code keepalive}, as one paragraph; null when none applies. */
  public static String text(GroupAccumulator.Group g, Directive keepalive, List<Finding> findings) {
    if (keepalive == null || g.entry == null || !g.entry.id().equals("ephemeral-ports")) {
      return null;
    }
    String upstream = keepalive.parent() == null ? "the upstream" : "upstream " + keepalive.parent().arg(0);
    String where = keepalive.file().displayName() + ":" + keepalive.span().line();
    int size = size(keepalive);
    java.util.TreeSet<String> noReuse = new java.util.TreeSet<>();
    for (Finding f : findings) {
      if (NO_REUSE.contains(f.rule())) {
        noReuse.add(f.rule());
      }
    }
    if (!noReuse.isEmpty()) {
      return upstream + " has keepalive " + keepalive.arg(0) + " (" + where + "), but the connections are not"
          + " reused (" + String.join(", ", noReuse) + " below): fix that first";
    }
    String head = upstream + " keeps at most " + keepalive.arg(0) + " idle connection" + (size == 1 ? "" : "s")
        + " per worker (keepalive, " + where + ")";
    if (g.peakConnections == 0 || size < 0) {
      return head + "; when more requests are in flight, the rest open and close a connection each and use up the"
          + " ports: set keepalive to at least the peak number of concurrent requests per worker to it (" + LAB + ")";
    }
    String seen = "up to " + g.peakConnections + " client connections of worker " + g.peakPid
        + " failed in the same second (" + g.peakAt + ")";
    if (g.peakConnections <= size) {
      return head + ", and at most " + g.peakConnections + " client connections of one worker failed in the same"
          + " second: the cache size may not be the cause; look for connections closed after use anyway"
          + " (keepalive_requests, keepalive_timeout, a backend answering Connection: close) or other traffic to"
          + " the same address using the ports (--host-facts: TIME-WAIT to it)";
    }
    return head + ", but " + seen + ": the cache is smaller than the concurrency, so the requests beyond it open"
        + " and close a connection each and use up the ports. Set keepalive " + suggest(g.peakConnections)
        + " in " + upstream + " (the log's peak, rounded up; it is a lower bound, and each idle connection"
        + " holds a backend slot) — " + LAB;
  }
}
