package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.Numbers;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.Upstreams;
import dev.nginxlint.rules.support.WebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An http upstream group used by a protocol that can reuse connections (proxy, gRPC,
 * memcached, FastCGI with fastcgi_keep_conn on) that caches no idle connection: no
 * `keepalive` before nginx 1.29.7, or `keepalive 0`.
 */
@RuleOption(name = "keepalive-connections", type = RuleOption.Type.INT, defaultValue = "32", min = 1, description = "the N the fix writes into keepalive N")
@Rule(id = "upstream-keepalive", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class UpstreamKeepalive implements TreeRule {

  /** The *_pass directives whose protocol can put a connection back into the cache. */
  private static final List<String> REUSING = List.of("proxy_pass", "grpc_pass", "memcached_pass", "fastcgi_pass");

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    // one walk: which groups are used, and by which directive first (for the message)
    Map<Directive, Directive> firstUse = new LinkedHashMap<>();
    // (map/geo entries are data, and uwsgi/scgi never reuse a connection)
    for (Directive d : ctx.directivesNamed(REUSING)) {
      // stream upstreams have no keepalive directive at all
      if (!ctx.isHttpContext(d)) {
        continue;
      }
      // FastCGI closes every connection unless fastcgi_keep_conn on asks the server not to
      if (d.name().equals("fastcgi_pass") && !Upstreams.keepConnOn(d, ctx)) {
        continue;
      }
      // a WebSocket-only location's connections are upgraded, never cached: keepalive is moot there
      if (dev.nginxlint.rules.support.WebSocket.only(d, ctx)) {
        continue;
      }
      // a group name, literal or the value of every variable in the host (addresses: proxy-pass-no-upstream)
      for (Directive group : PassTarget.upstreams(d, ctx)) {
        firstUse.putIfAbsent(group, d);
      }
    }
    int size = Math.max(1, ctx.intOption(this, "keepalive-connections", 32));
    for (Map.Entry<Directive, Directive> e : firstUse.entrySet()) {
      Directive group = e.getKey();
      String via = e.getValue().name();
      List<Directive> keepalive = ctx.childrenNamed(group, "keepalive");
      if (keepalive.isEmpty()) {
        // from 1.29.7 every upstream block caches 32 idle connections by default
        if (ctx.keepaliveDefaults()) {
          continue;
        }
        // last in the block: after any balancing method or sticky, which would drop it before 1.29.7
        ctx.report(this, group, "upstream \"" + group.arg(0) + "\" is used by " + via
            + " but has no keepalive: every request opens a new connection",
            Fix.safe("add keepalive " + size + " as the last directive of the block",
                List.of(Edits.insertAtEnd(group, "keepalive " + size + ";"))));
      } else if (Numbers.atoi(keepalive.get(0).arg(0)) == 0) {
        // before 1.29.7 nginx rejects "keepalive 0" outright: nginx -t reports it, not this rule
        if (!ctx.keepaliveDefaults()) {
          continue;
        }
        Directive zero = keepalive.get(0);
        // someone wrote 0 on purpose: a person confirms turning the cache on
        ctx.report(this, group, "upstream \"" + group.arg(0) + "\" is used by " + via
            + " but has keepalive 0: every request opens a new connection",
            Fix.unsafe("set keepalive to " + size,
                List.of(Edits.replaceArg(zero, zero.args().get(0), String.valueOf(size)))));
      }
    }
  }
}
