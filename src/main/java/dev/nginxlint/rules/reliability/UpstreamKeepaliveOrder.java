package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.WebSocket;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * `keepalive` (before nginx 1.29.7) or `sticky` (any version) written before a load-balancing
 * method in an http upstream: the method replaces the hook they wrapped, nginx only warns
 * "load balancing method redefined", and the cache (or the affinity) is silently lost.
 */
@Rule(id = "upstream-keepalive-order", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class UpstreamKeepaliveOrder implements DirectiveRule {

  /** Directives that install a balancer, overwriting whatever hook is set when they are read. */
  private static final Set<String> METHODS = Set.of("hash", "ip_hash", "least_conn", "random", "least_time");

  @Override
  public Set<String> directives() {
    return Set.of("upstream");
  }

  @Override
  public void check(Directive upstream, RuleContext ctx) {
    // stream upstreams have neither keepalive nor sticky
    if (!upstream.hasBlock() || !"http".equals(upstream.contextName())) {
      return;
    }
    // from 1.29.7 keepalive hooks in after every block is set up: its position does not matter
    boolean keepaliveOrderMatters = !ctx.keepaliveDefaults();
    Directive keepalive = null;
    Directive sticky = null;
    boolean keepaliveReported = false;
    boolean stickyReported = false;
    // the block's children are in reading order, lines from includes where the include stands
    for (Directive d : upstream.block()) {
      switch (d.name()) {
        case "keepalive" -> keepalive = keepalive == null ? d : keepalive;
        case "sticky" -> sticky = sticky == null ? d : sticky;
        default -> {
          if (!METHODS.contains(d.name())) {
            continue;
          }
          // a group only WebSocket-only locations use caches nothing anyway (each connection is
          // upgraded): moving keepalive would change nothing
          if (keepaliveOrderMatters && keepalive != null && !keepaliveReported
              && !webSocketOnlyGroups(ctx).contains(upstream)) {
            keepaliveReported = true;
            Fix fix = movable(upstream, keepalive, d)
                ? Fix.safe("move keepalive to the end of the upstream block", Edits.moveToEnd(keepalive, upstream))
                : null;
            ctx.report(this, keepalive, "keepalive stands before " + d.name() + " in upstream \""
                + upstream.arg(0) + "\": before nginx 1.29.7 the method replaces it and no connection"
                + " is ever cached", fix);
          }
          if (sticky != null && !stickyReported) {
            stickyReported = true;
            // turning affinity on changes which server answers: a person confirms it
            Fix fix = movable(upstream, sticky, d)
                ? Fix.unsafe("move sticky to the end of the upstream block", Edits.moveToEnd(sticky, upstream))
                : null;
            ctx.report(this, sticky, "sticky stands before " + d.name() + " in upstream \""
                + upstream.arg(0) + "\": the method replaces it and session affinity is silently lost", fix);
          }
        }
      }
    }
  }

  private static final Object WEBSOCKET_ONLY = new Object();

  /**
   * The groups that at least one pass uses and every pass using them is a WebSocket-only
   * proxy_pass; computed once per tree, and only when a keepalive stands before a method.
   */
  private static Set<Directive> webSocketOnlyGroups(RuleContext ctx) {
    return ctx.shared(WEBSOCKET_ONLY, () -> {
      Set<Directive> webSocket = Collections.newSetFromMap(new IdentityHashMap<>());
      Set<Directive> other = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Directive pass : ctx.directivesNamed(PASSES)) {
        // stream upstreams have no keepalive
        if (!ctx.isHttpContext(pass)) {
          continue;
        }
        boolean only = WebSocket.only(pass, ctx);
        for (Directive group : PassTarget.upstreams(pass, ctx)) {
          (only ? webSocket : other).add(group);
        }
      }
      webSocket.removeAll(other);
      return webSocket;
    });
  }

  private static final List<String> PASSES = List.of("proxy_pass", "grpc_pass", "memcached_pass", "fastcgi_pass");

  /**
   * True when {@code moved} can go to the end of the block: it, the method and the block's last
   * child are written in the block's own file (an included file may be shared by other blocks).
   */
  private static boolean movable(Directive upstream, Directive moved, Directive method) {
    List<Directive> kids = upstream.block();
    Directive last = kids.get(kids.size() - 1);
    return moved.file() == upstream.file() && method.file() == upstream.file()
        && last.file() == upstream.file() && last != moved && moved.includedBy() == null
        && method.includedBy() == null && last.includedBy() == null;
  }
}
