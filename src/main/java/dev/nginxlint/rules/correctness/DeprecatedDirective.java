package dev.nginxlint.rules.correctness;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.Arg;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forms the target nginx still reads but warns about: `ssl on` (before 1.25.1, which removed
 * it), `listen ... http2` (from 1.25.1), the obsolete http2_* directives (the table's deprecated
 * column), stream's proxy_downstream_buffer/proxy_upstream_buffer; and `listen ... spdy`, gone
 * since 1.9.5.
 *
 * <p>Safe fixes, only where the result means exactly the same to the target nginx: an obsolete
 * directive nginx ignores with a warning is deleted; `ssl on;` becomes `ssl` on every `listen`
 * of its server, and `listen ... http2` becomes `http2 on;` in its server, when the server's
 * listen sockets are its own (a main config, no other server on those ports) and every listen
 * lacks `ssl` (resp. has `http2`).
 */
@Rule(id = "deprecated-directive", category = Category.COMPATIBILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
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
    Checks.eachVerdict(tree, ctx, (d, where, r) -> {
      if (r.verdict() != DirectiveCheck.Verdict.OK) {
        return;
      }
      String name = d.name();
      if (name.equals("ssl") && v.atLeast(SSL_DEPRECATED)) {
        ctx.report(this, d, "the \"ssl\" directive is deprecated, use the \"listen ... ssl\" directive instead"
            + " (removed in nginx 1.25.1)", sslFix(tree, d));
        return;
      }
      if (name.equals("listen") && (where.equals("server"))) {
        listen(tree, d, v, ctx);
        return;
      }
      String note = r.shape().spec().deprecated();
      NginxVersion from = DEPRECATED_FROM.get(name);
      if (!note.isEmpty() && (from == null || v.atLeast(from))) {
        int semi = note.indexOf("; ");
        // nginx's words: the "X" directive is obsolete, use the "Y" directive instead
        String instead = semi < 0 ? " (ignored)"
            : ", use the \"" + note.substring(semi + 2).replaceFirst("^use ", "") + "\" directive instead";
        // obsolete ones are parsed and dropped (ngx_http_v2_obsolete): deleting them changes nothing
        Fix fix = from != null && note.startsWith("obsolete: ignored")
            ? Fix.safe("delete the ignored \"" + name + "\" directive", List.of(Edits.delete(d))) : null;
        ctx.report(this, d, "the \"" + name + "\" directive is "
            + (note.startsWith("obsolete") ? "obsolete" : "deprecated") + instead, fix);
      }
    });
  }

  private void listen(ConfigTree tree, Directive d, NginxVersion v, RuleContext ctx) {
    for (int i = 1; i < d.argCount(); i++) {
      String p = d.arg(i);
      if (p.equals("http2") && v.atLeast(HTTP2_DIRECTIVE)) {
        ctx.report(this, d, "the \"listen ... http2\" directive is deprecated, use the \"http2\" directive instead",
            http2Fix(tree, d.parent()));
      } else if (p.equals("spdy") && v.atLeast(SPDY_REMOVED)) {
        ctx.report(this, d, "invalid parameter \"spdy\": ngx_http_spdy_module was superseded by"
            + " ngx_http_v2_module (since nginx 1.9.5; use \"http2\")");
      }
    }
  }

  /**
   * `ssl on;` → `ssl` on each listen of its http server: the same sockets become TLS, provided
   * the server is the only one on its ports (a listen parameter is per socket, `ssl on` per
   * server), it has listens and none has `ssl` or `quic` yet.
   */
  private static Fix sslFix(ConfigTree tree, Directive d) {
    Directive server = httpServer(d);
    if (server == null || d.argCount() != 1 || !"on".equals(d.arg(0)) || server.children("ssl").size() != 1) {
      return null;
    }
    List<Directive> listens = server.children("listen");
    if (listens.isEmpty() || !ownsPorts(tree, server)) {
      return null;
    }
    List<TextEdit> edits = new ArrayList<>();
    edits.add(Edits.delete(d));
    for (Directive l : listens) {
      if (l.argCount() < 1 || hasParam(l, "ssl") || hasParam(l, "quic")) {
        return null;
      }
      edits.add(Edits.appendArg(l, "ssl"));
    }
    return Fix.safe("replace \"ssl on\" by \"listen ... ssl\"", edits);
  }

  /**
   * `listen ... http2` → `http2 on;` (nginx >= 1.25.1, checked by the caller): equivalent when
   * every listen of the server has `http2` (else `http2 on` would add h2c on the others), the
   * server has no `http2` directive, and no other server shares its ports. Every finding of
   * the server carries the same fix, so applying one settles them all.
   */
  private static Fix http2Fix(ConfigTree tree, Directive server) {
    if (httpServer(server) != server || !server.children("http2").isEmpty() || !ownsPorts(tree, server)) {
      return null;
    }
    List<Directive> listens = server.children("listen");
    List<TextEdit> edits = new ArrayList<>();
    for (Directive l : listens) {
      int count = 0;
      for (Arg a : l.args().subList(Math.min(1, l.argCount()), l.argCount())) {
        if (a.value().equals("http2")) {
          edits.add(Edits.removeArg(l, a));
          count++;
        }
      }
      if (count != 1) {
        return null;
      }
    }
    edits.add(Edits.insertAfter(listens.get(listens.size() - 1), "http2 on;"));
    return Fix.safe("replace \"listen ... http2\" by \"http2 on\"", edits);
  }

  /** The http server a directive is in (or is), else null. */
  private static Directive httpServer(Directive d) {
    Directive s = d.name().equals("server") && d.hasBlock() ? d : d.parent();
    if (s == null || !s.name().equals("server") || s.parent() == null || !s.parent().name().equals("http")) {
      return null;
    }
    return s;
  }

  /** True when the tree is a whole config and no other http server listens on this server's ports. */
  private static boolean ownsPorts(ConfigTree tree, Directive server) {
    if (!tree.isMain()) {
      return false;
    }
    Set<String> mine = ports(server);
    List<Directive> others = new ArrayList<>();
    tree.walk(x -> {
      if (x != server && x.hasBlock() && httpServer(x) == x) {
        others.add(x);
      }
    });
    for (Directive o : others) {
      for (String p : ports(o)) {
        if (mine.contains(p)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The ports (or unix socket paths) a server listens on; without a listen, 80 and 8000. */
  private static Set<String> ports(Directive server) {
    Set<String> out = new HashSet<>();
    List<Directive> listens = server.children("listen");
    if (listens.isEmpty()) {
      out.add("80");
      out.add("8000");
    }
    for (Directive l : listens) {
      String a = l.argCount() > 0 ? l.arg(0) : "";
      if (a.startsWith("unix:")) {
        out.add(a);
      } else if (a.startsWith("[")) {
        int close = a.indexOf("]:");
        out.add(close < 0 ? "80" : a.substring(close + 2));
      } else if (a.chars().allMatch(Character::isDigit)) {
        out.add(a);
      } else {
        int colon = a.lastIndexOf(':');
        out.add(colon < 0 ? "80" : a.substring(colon + 1));
      }
    }
    return out;
  }

  private static boolean hasParam(Directive l, String p) {
    for (int i = 1; i < l.argCount(); i++) {
      if (l.arg(i).equals(p)) {
        return true;
      }
    }
    return false;
  }

}
