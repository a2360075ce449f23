package dev.nginxlint.rules.reliability;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.DirectiveRule;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import dev.nginxlint.rules.support.PassTarget;
import java.util.Set;

/**
 * A *_pass to a literal address (IP, host:port, host name, unix: socket) instead of an
 * upstream group: nginx builds an implicit upstream, which never caches connections, in
 * any version (the 1.29.7 keepalive default covers upstream {} blocks only).
 */
@Rule(id = "proxy-pass-no-upstream", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class ProxyPassNoUpstream implements DirectiveRule {

  @Override
  public Set<String> directives() {
    // uwsgi and SCGI never reuse a connection, so an upstream block would not help them
    return Set.of("proxy_pass", "grpc_pass", "memcached_pass", "fastcgi_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    // stream proxying has no connection reuse at all
    if (!ctx.isHttpContext(pass)) {
      return;
    }
    // FastCGI closes every connection unless fastcgi_keep_conn on asks the server not to
    if (pass.name().equals("fastcgi_pass") && !UpstreamKeepalive.keepConnOn(pass, ctx)) {
      return;
    }
    PassTarget target = PassTarget.of(pass);
    // a variable host is only known at run time (the resolver rules' business)
    if (target == null || target.variableHost()) {
      return;
    }
    if (!target.unixSocket()) {
      // nothing to name (e.g. "http://"): nginx -t rejects it anyway
      if (target.host().isEmpty()) {
        return;
      }
      // the host names an upstream block (case-insensitive, defined anywhere)
      if (ctx.httpUpstream(target.host()) != null) {
        return;
      }
      // in a snippet, a bare name may be an upstream defined in a file this tree does not see
      if (target.port() == null && !pass.tree().isMain() && !target.isIpLiteral()) {
        return;
      }
    }
    ctx.report(this, pass, pass.name() + " " + pass.arg(0) + " connects to a literal address with no"
        + " upstream block: nginx never reuses these connections, so every request opens a new one");
  }
}
