package dev.nginxlint.rules.correctness;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import dev.nginxlint.rules.TreeRule;
import java.util.Map;

/**
 * Forms the target nginx still reads but warns about: `ssl on` (before 1.25.1, which removed
 * it), `listen ... http2` (from 1.25.1), the obsolete http2_* directives (the table's deprecated
 * column), stream's proxy_downstream_buffer/proxy_upstream_buffer; and `listen ... spdy`, gone
 * since 1.9.5.
 */
@Rule(id = "deprecated-directive", category = Category.COMPATIBILITY, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class DeprecatedDirective implements TreeRule {

  static final NginxVersion SSL_DEPRECATED = new NginxVersion(1, 15, 0);
  static final NginxVersion HTTP2_DIRECTIVE = new NginxVersion(1, 25, 1);
  static final NginxVersion SPDY_REMOVED = new NginxVersion(1, 9, 5);

  /**
   * The release from which each deprecated-column directive warns (CHANGES: 1.19.7 made the
   * http2 timeouts/sizes obsolete, 1.25.1 dropped HTTP/2 push, 1.9.4 added stream proxy_buffer_size).
   */
  private static final Map<String, NginxVersion> DEPRECATED_FROM = Map.of(
      "http2_idle_timeout", new NginxVersion(1, 19, 7),
      "http2_max_field_size", new NginxVersion(1, 19, 7),
      "http2_max_header_size", new NginxVersion(1, 19, 7),
      "http2_max_requests", new NginxVersion(1, 19, 7),
      "http2_recv_timeout", new NginxVersion(1, 19, 7),
      "http2_push", new NginxVersion(1, 25, 1),
      "http2_push_preload", new NginxVersion(1, 25, 1),
      "http2_max_concurrent_pushes", new NginxVersion(1, 25, 1),
      "proxy_downstream_buffer", new NginxVersion(1, 9, 4),
      "proxy_upstream_buffer", new NginxVersion(1, 9, 4));

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    NginxVersion v = ctx.version();
    Checks.each(tree, ctx, (d, where) -> {
      DirectiveCheck.Result r = DirectiveCheck.verdict(d, where, v);
      if (r.verdict() != DirectiveCheck.Verdict.OK) {
        return;
      }
      String name = d.name();
      if (name.equals("ssl") && v.atLeast(SSL_DEPRECATED)) {
        ctx.report(this, d, "the \"ssl\" directive is deprecated, use the \"listen ... ssl\" directive instead"
            + " (removed in nginx 1.25.1)");
        return;
      }
      if (name.equals("listen") && (where.equals("server"))) {
        listen(d, v, ctx);
        return;
      }
      String note = DirectiveCheck.extra(r.shape().spec()).deprecated();
      NginxVersion from = DEPRECATED_FROM.get(name);
      if (!note.isEmpty() && (from == null || v.atLeast(from))) {
        int semi = note.indexOf("; ");
        // nginx's words: the "X" directive is obsolete, use the "Y" directive instead
        String instead = semi < 0 ? " (ignored)"
            : ", use the \"" + note.substring(semi + 2).replaceFirst("^use ", "") + "\" directive instead";
        ctx.report(this, d, "the \"" + name + "\" directive is "
            + (note.startsWith("obsolete") ? "obsolete" : "deprecated") + instead);
      }
    });
  }

  private void listen(Directive d, NginxVersion v, RuleContext ctx) {
    for (int i = 1; i < d.argCount(); i++) {
      String p = d.arg(i);
      if (p.equals("http2") && v.atLeast(HTTP2_DIRECTIVE)) {
        ctx.report(this, d, "the \"listen ... http2\" directive is deprecated, use the \"http2\" directive instead");
      } else if (p.equals("spdy") && v.atLeast(SPDY_REMOVED)) {
        ctx.report(this, d, "invalid parameter \"spdy\": ngx_http_spdy_module was superseded by"
            + " ngx_http_v2_module (since nginx 1.9.5; use \"http2\")");
      }
    }
  }

}
