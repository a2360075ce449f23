package dev.nginxlint.rules.reliability;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.NginxValues;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.DirectiveRule;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A pass directive whose connect, read or send timeout is effectively nginx's 60 s default (or
 * any value at or above max-timeout): a dead or stalled backend holds each request that long.
 */
@Rule(id = "proxy-timeouts-default", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class ProxyTimeoutsDefault implements DirectiveRule {

  /** nginx's built-in value of every *_connect/read/send_timeout. */
  private static final long DEFAULT_MILLIS = 60_000;

  private static final String[] STREAMING_PATHS = {"/ws", "/socket.io", "/sse", "/events", "/stream"};

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    // stream{} has proxy_timeout (10m) instead, and no read/send timeouts
    if (!ctx.isHttpContext(pass)) {
      return;
    }
    // a pass directive without a target is a syntax problem for other rules
    if (pass.argCount() < 1) {
      return;
    }
    String prefix = pass.name().substring(0, pass.name().indexOf('_'));
    long limit = ctx.secondsOption(this, "max-timeout", 60) * 1000;
    List<String> kinds = new ArrayList<>(3);
    kinds.add("connect");
    // gRPC streams may stay idle for long, and streaming locations mean to: connect only
    if (!prefix.equals("grpc") && !streaming(pass, prefix, ctx)) {
      kinds.add("read");
      kinds.add("send");
    }
    List<String> offending = new ArrayList<>(3);
    for (String kind : kinds) {
      String name = prefix + "_" + kind + "_timeout";
      Directive set = ctx.effective(pass, name);
      // an include that could not be read, nearer than the value found, may set a shorter one
      if (ProxyHttpVersion.unreadIncludeOnPath(pass, set == null ? null : set.parent(), ctx)) {
        continue;
      }
      long millis = set == null ? DEFAULT_MILLIS : NginxValues.millis(set.arg(0) == null ? "" : set.arg(0));
      // a value nginx would reject is not this rule's business
      if (millis < 0 || millis < limit) {
        continue;
      }
      offending.add(name + " " + (set == null ? "60s (default)" : set.arg(0)));
    }
    // every timeout is under the limit
    if (offending.isEmpty()) {
      return;
    }
    ctx.report(this, pass, pass.name() + " has timeouts of " + (limit / 1000) + "s or more ("
        + String.join(", ", offending) + "): a dead or stalled backend holds each request that long;"
        + " set shorter " + prefix + "_*_timeout values");
  }

  /** WebSocket headers, buffering off, or a streaming-looking path: long read/send are intended. */
  private static boolean streaming(Directive pass, String prefix, RuleContext ctx) {
    if (prefix.equals("proxy")) {
      for (Directive h : ctx.effectiveArray(pass, "proxy_set_header")) {
        if (h.argCount() < 2) {
          continue;
        }
        String header = h.arg(0).toLowerCase(Locale.ROOT);
        String value = h.arg(1).toLowerCase(Locale.ROOT);
        if (header.equals("upgrade") && value.contains("$http_upgrade")) {
          return true;
        }
        if (header.equals("connection") && (value.trim().equals("upgrade") || upgradeMapped(h.arg(1), ctx))) {
          return true;
        }
      }
    }
    if (isOff(ctx.effective(pass, prefix + "_buffering"))
        || isOff(ctx.effective(pass, prefix + "_request_buffering"))) {
      return true;
    }
    for (Directive loc = pass.enclosing("location"); loc != null; loc = loc.enclosing("location")) {
      String path = loc.argCount() == 0 ? "" : loc.arg(loc.argCount() - 1).toLowerCase(Locale.ROOT);
      for (String p : STREAMING_PATHS) {
        if (path.contains(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean upgradeMapped(String value, RuleContext ctx) {
    String var = ProxyConnectionHeader.soleVariable(value);
    if (var == null) {
      return false;
    }
    for (Directive def : ctx.variableDefinitions(var)) {
      if (ProxyConnectionHeader.isUpgradeMap(def)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOff(Directive d) {
    return d != null && "off".equalsIgnoreCase(d.arg(0));
  }
}
