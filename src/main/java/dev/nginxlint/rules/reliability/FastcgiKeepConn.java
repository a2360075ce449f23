package dev.nginxlint.rules.reliability;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.DirectiveRule;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import dev.nginxlint.rules.support.PassTarget;
import java.util.List;
import java.util.Set;

/**
 * A fastcgi_pass to an upstream with an explicit `keepalive N` while fastcgi_keep_conn is off
 * (the default): the FastCGI server closes each connection, so the cache stays empty.
 */
@Rule(id = "fastcgi-keep-conn", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class FastcgiKeepConn implements DirectiveRule {

  @Override
  public Set<String> directives() {
    return Set.of("fastcgi_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    // fastcgi_pass exists only in http; stay safe on odd placements
    if (!ctx.isHttpContext(pass)) {
      return;
    }
    PassTarget target = PassTarget.of(pass);
    // a literal address or a variable host has no connection cache to lose
    Directive group = target == null ? null : target.upstream(ctx);
    if (group == null) {
      return;
    }
    List<Directive> keepalive = ctx.childrenNamed(group, "keepalive");
    // only a keepalive line the user wrote shows that reuse was intended (not the 1.29.7 default)
    if (keepalive.isEmpty()) {
      return;
    }
    // keepalive 0 switches the cache off: nothing is lost
    if (UpstreamKeepalive.parseInt(keepalive.get(0).arg(0)) <= 0) {
      return;
    }
    // fastcgi_keep_conn on (inherited from any level) lets the connection be cached
    if (UpstreamKeepalive.keepConnOn(pass, ctx)) {
      return;
    }
    ctx.report(this, pass, "fastcgi_pass to upstream \"" + group.arg(0) + "\" has keepalive "
        + keepalive.get(0).arg(0) + " but fastcgi_keep_conn is off: the FastCGI server closes"
        + " every connection, so none is ever reused");
  }
}
