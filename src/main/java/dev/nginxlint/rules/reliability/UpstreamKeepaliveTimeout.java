package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxValues;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.LocalServers;
import dev.nginxlint.rules.support.Numbers;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.Upstreams;
import dev.nginxlint.rules.support.WebSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An http upstream group that caches idle connections for proxy_pass and keeps them at least as
 * long as the backend does (upstream keepalive_timeout, default 60 s, against the backend's idle
 * timeout, 5 s by default as Node.js, uvicorn and Apache have it): the backend closes a connection
 * while nginx is sending a request on it, and a POST gets a 502.
 */
@RuleOption(name = "backend-idle-timeout", type = RuleOption.Type.DURATION, defaultValue = "5s", min = 2, description = "how long the backend keeps an idle connection open; keepalive_timeout at or above it is reported, and the fix writes one second less")
@Rule(id = "upstream-keepalive-timeout", category = Category.RELIABILITY, severity = Severity.INFO,
    fix = FixAvailability.ALWAYS)
public final class UpstreamKeepaliveTimeout implements TreeRule {

  /** keepalive_timeout inside upstream appeared in 1.15.3; before, a cached connection never expires. */
  private static final NginxVersion UPSTREAM_TIMEOUT = new NginxVersion(1, 15, 3);

  /** nginx's upstream keepalive_timeout when the block sets none. */
  private static final long DEFAULT_MILLIS = 60_000;

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    // the fix needs keepalive_timeout in upstream, which older versions reject
    if (ctx.version().before(UPSTREAM_TIMEOUT)) {
      return;
    }
    Set<Directive> groups = new LinkedHashSet<>();
    // gRPC, FastCGI and memcached backends keep idle connections open unless told otherwise
    // (grpc-go, php-fpm, memcached): only HTTP application servers close them after seconds
    for (Directive pass : ctx.directivesNamed("proxy_pass")) {
      // stream upstreams have no keepalive cache and no keepalive_timeout
      if (!ctx.isHttpContext(pass)) {
        continue;
      }
      // an upgraded (WebSocket) connection is never put back into the cache
      if (WebSocket.only(pass, ctx)) {
        continue;
      }
      // HTTP/1.0 or "Connection: close" upstream: the backend closes each connection after its
      // response, nothing is cached (proxy-http-version and proxy-connection-header report that)
      if (!reusesConnections(pass, ctx)) {
        continue;
      }
      groups.addAll(PassTarget.upstreams(pass, ctx));
    }
    long backendIdle = ctx.secondsOption(this, "backend-idle-timeout", 5) * 1000;
    for (Directive group : groups) {
      check(group, backendIdle, ctx);
    }
  }

  /** True when the pass speaks HTTP/1.1 without "Connection: close", as nginx needs to cache a connection. */
  private static boolean reusesConnections(Directive pass, RuleContext ctx) {
    Directive version = ctx.effective(pass, "proxy_http_version");
    if (version == null ? !ctx.keepaliveDefaults() : "1.0".equals(version.arg(0))) {
      return false;
    }
    for (Directive h : ctx.effectiveArray(pass, "proxy_set_header")) {
      if (h.argCount() >= 2 && "connection".equalsIgnoreCase(h.arg(0))) {
        // a variable (the WebSocket map) may be empty for plain requests; a constant close is not
        return h.args().get(1).hasVariable() || !"close".equalsIgnoreCase(h.arg(1).trim());
      }
    }
    // no Connection line: before 1.29.7 nginx sends its own "Connection: close"; HTTP/2 sends none
    return ctx.keepaliveDefaults() || "2".equals(version.arg(0));
  }

  private void check(Directive group, long backendIdle, RuleContext ctx) {
    List<Directive> keepalive = ctx.childrenNamed(group, "keepalive");
    // no cache: nothing is reused (upstream-keepalive reports it); from 1.29.7 every block has one
    if (keepalive.isEmpty() ? !ctx.keepaliveDefaults() : Numbers.atoi(keepalive.get(0).arg(0)) <= 0) {
      return;
    }
    List<Directive> timeouts = ctx.childrenNamed(group, "keepalive_timeout");
    Directive own = timeouts.isEmpty() ? null : timeouts.get(0);
    long idle = own == null ? DEFAULT_MILLIS : NginxValues.millis(own.arg(0));
    // an invalid value is nginx -t's to report
    if (idle < 0) {
      return;
    }
    // every server of the group is a server of this configuration (nginx proxying to itself):
    // its idle timeout is written here, the assumed one does not apply
    long local = localIdleMillis(group, ctx);
    String assumed;
    if (local != UNKNOWN) {
      // the backend keeps the connection longer than nginx caches it (or keeps none: it answers
      // with "Connection: close", so nothing is cached): nginx always closes first
      if (local == NO_KEEPALIVE || local > idle) {
        return;
      }
      backendIdle = local;
      assumed = "its servers are this configuration's own, whose keepalive_timeout is " + format(local);
    } else {
      // the default names where 5 s comes from; a value the user gave is theirs
      assumed = "assumed " + format(backendIdle) + (backendIdle == 5000 ? " as in Node.js, uvicorn and Apache" : "")
          + "; option backend-idle-timeout";
    }
    // below the backend's: nginx drops the connection first
    if (idle < backendIdle) {
      return;
    }
    String now = own == null ? "60s (keepalive_timeout default)" : own.arg(0) + " (keepalive_timeout)";
    ctx.report(this, group, "upstream \"" + group.arg(0) + "\" keeps idle connections for " + now
        + ", not less than the backend's idle timeout (" + assumed
        + "): the backend can close a connection as nginx sends a request"
        + " on it (\"upstream prematurely closed connection\", \"recv() failed (104)\"), a 502 for a POST;"
        + " set keepalive_timeout below the backend's idle timeout",
        backendIdle < 2000 ? null : fix(group, own, keepalive, format(backendIdle - 1000)));
  }

  private static final long UNKNOWN = -1;
  private static final long NO_KEEPALIVE = Long.MAX_VALUE;
  /** nginx's keepalive_timeout towards clients when no level sets it. */
  private static final long SERVER_DEFAULT_MILLIS = 75_000;

  /**
   * The shortest idle timeout of the servers of this configuration that the group's servers
   * reach (every one a loopback address nginx listens on here), NO_KEEPALIVE when none of them
   * keeps connections, UNKNOWN when any server of the group may be another program.
   */
  private static long localIdleMillis(Directive group, RuleContext ctx) {
    long shortest = NO_KEEPALIVE;
    boolean any = false;
    for (Directive server : ctx.childrenNamed(group, "server")) {
      String host = Upstreams.startupHost(server);
      // a socket, a variable or a re-resolved name: not known to be one of ours
      if (host == null) {
        return UNKNOWN;
      }
      String port = PassTarget.splitHostPort(server.arg(0))[1];
      int p = port == null ? 80 : PassTarget.parsePort(port);
      List<LocalServers.Family> families = LocalServers.loopbackFamilies(host);
      if (p < 0 || families.isEmpty()) {
        return UNKNOWN;
      }
      for (LocalServers.Family family : families) {
        List<Directive> backends = LocalServers.at(family, p, ctx);
        // another program listens there (or nothing does)
        if (backends.isEmpty()) {
          return UNKNOWN;
        }
        for (Directive backend : backends) {
          long idle = serverIdleMillis(backend, ctx);
          if (idle == UNKNOWN) {
            return UNKNOWN;
          }
          shortest = Math.min(shortest, idle);
          any = true;
        }
      }
    }
    return any ? shortest : UNKNOWN;
  }

  /**
   * The shortest keepalive_timeout a request in this http server ends with (the server's level or
   * a location's), NO_KEEPALIVE when all are 0 (nginx then answers "Connection: close"), UNKNOWN
   * when one is unreadable (nginx -t reports that).
   */
  private static long serverIdleMillis(Directive server, RuleContext ctx) {
    Directive set = ctx.effectiveIn(server, "keepalive_timeout");
    List<Long> values = new java.util.ArrayList<>();
    values.add(set == null ? SERVER_DEFAULT_MILLIS : NginxValues.millis(set.arg(0)));
    for (Directive inLocation : ctx.directivesNamed("keepalive_timeout")) {
      if (inLocation.parent() != server && inLocation.enclosing("server") == server) {
        values.add(NginxValues.millis(inLocation.arg(0)));
      }
    }
    long shortest = NO_KEEPALIVE;
    for (long v : values) {
      if (v < 0) {
        return UNKNOWN;
      }
      // 0: that level keeps no connection, so none of its connections is ever cached
      if (v > 0) {
        shortest = Math.min(shortest, v);
      }
    }
    return shortest;
  }

  private static Fix fix(Directive group, Directive own, List<Directive> keepalive, String value) {
    if (own != null) {
      // the author chose this value, perhaps for a backend that keeps connections longer
      return Fix.unsafe("set keepalive_timeout to " + value + " (check the backend's idle timeout first)",
          List.of(Edits.replaceArg(own, own.args().get(0), value)));
    }
    String line = "keepalive_timeout " + value + ";";
    // beside keepalive, with its indentation; a block without one (1.29.7+ default) gets it last
    return Fix.safe("add " + line + " to the upstream block",
        List.of(keepalive.isEmpty() ? Edits.insertAtEnd(group, line) : Edits.insertAfter(keepalive.get(0), line)));
  }

  /** Milliseconds as nginx writes them: whole seconds as "4s", anything else as "1500ms". */
  private static String format(long millis) {
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
