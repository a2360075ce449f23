package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.Upstreams;
import dev.nginxlint.rules.support.WebSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A *_pass to a literal address (IP, host:port, host name, unix: socket) instead of an
 * upstream group: nginx builds an implicit upstream, which never caches connections, in
 * any version (the 1.29.7 keepalive default covers upstream {} blocks only).
 *
 * <p>Over 400 lines because of the fix, not the check: moving every pass to one address into a
 * new upstream block (a free name, where the block goes, the Host and SNI headers the implicit
 * upstream sent) is one transformation that no other rule makes, so it stays with its rule.
 */
@RuleOption(name = "keepalive-connections", type = RuleOption.Type.INT, defaultValue = "32", min = 1, description = "the keepalive size of the upstream block the fix creates")
@Rule(id = "proxy-pass-no-upstream", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class ProxyPassNoUpstream implements DirectiveRule {

  private static final Set<String> PASSES = Set.of("proxy_pass", "grpc_pass", "memcached_pass", "fastcgi_pass");
  private static final NginxVersion PROXY_SSL_NAME = new NginxVersion(1, 7, 0);

  @Override
  public Set<String> directives() {
    // uwsgi and SCGI never reuse a connection, so an upstream block would not help them
    return PASSES;
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    if (literal(pass, ctx) == null) {
      return;
    }
    ctx.report(this, pass, pass.name() + " " + pass.arg(0) + " connects to a literal address with no"
        + " upstream block: nginx never reuses these connections, so every request opens a new one",
        fix(pass, ctx));
  }

  /** The target of a pass this rule reports, or null. */
  private static PassTarget literal(Directive pass, RuleContext ctx) {
    if (pass.isDataEntry() || !PASSES.contains(pass.name())) {
      return null;
    }
    // stream proxying has no connection reuse at all
    if (!ctx.isHttpContext(pass)) {
      return null;
    }
    // FastCGI closes every connection unless fastcgi_keep_conn on asks the server not to
    if (pass.name().equals("fastcgi_pass") && !Upstreams.keepConnOn(pass, ctx)) {
      return null;
    }
    // an upgraded connection is never cached: an upstream block would reuse nothing here
    if (dev.nginxlint.rules.support.WebSocket.only(pass, ctx)) {
      return null;
    }
    PassTarget target = PassTarget.of(pass, ctx);
    // a variable host is only known at run time (the resolver rules' business)
    if (target == null || target.variableHost()) {
      return null;
    }
    if (!target.unixSocket()) {
      // nothing to name (e.g. "http://"): nginx -t rejects it anyway
      if (target.host().isEmpty()) {
        return null;
      }
      // the host names an upstream block (case-insensitive, defined anywhere)
      if (ctx.httpUpstream(target.host()) != null) {
        return null;
      }
      // in a snippet, a bare name may be an upstream defined in a file this tree does not see
      if (target.port() == null && !pass.tree().isMain() && !target.isIpLiteral()) {
        return null;
      }
    }
    return target;
  }

  // ---- the fix ----

  /** A literal address split for the conversion; null parts mean "cannot convert". */
  private record Address(String key, String prefix, String server, String rest, String hostHeader,
      String sslHost, boolean https, boolean unix) {

    static Address of(Directive pass, PassTarget t) {
      String prefix = t.schemePrefix();
      String body = t.rest();
      boolean https = prefix.equalsIgnoreCase("https://");
      String kind = pass.name() + " " + prefix.toLowerCase(Locale.ROOT);
      if (t.unixSocket()) {
        // unix:/path[:uri]
        int colon = body.indexOf(':', "unix:".length());
        String path = colon < 0 ? body : body.substring(0, colon);
        if (path.indexOf('$') >= 0 || path.length() <= "unix:".length()) {
          return null;
        }
        String rest = colon < 0 ? "" : body.substring(colon + 1);
        return new Address(kind + path, prefix, path, rest, "localhost", "localhost", https, true);
      }
      // with a variable in the URL a host name is resolved at run time (resolver); a server
      // line would resolve it once at startup, and nginx -t fails when it does not resolve
      if (t.anyVariable() && !t.isIpLiteral()) {
        return null;
      }
      String hostPort = t.host() + (t.port() != null ? ":" + t.port() : "");
      if (!body.startsWith(hostPort) || t.port() != null && t.port().indexOf('$') >= 0) {
        return null;
      }
      String port = t.port();
      if (port == null) {
        // the implicit upstream used the scheme's port; a server line without one means 80
        if (!pass.name().equals("proxy_pass")) {
          return null;
        }
        port = https ? "443" : "80";
      }
      String server = t.host() + ":" + port;
      return new Address(kind + server, prefix, server, body.substring(hostPort.length()), hostPort,
          t.host(), https, false);
    }
  }

  private Fix fix(Directive pass, RuleContext ctx) {
    // grpc_pass findings get no automatic fix; snippets may not see every upstream name
    if (pass.name().equals("grpc_pass") || !pass.tree().isMain()) {
      return null;
    }
    Address address = Address.of(pass, PassTarget.of(pass, ctx));
    Directive http = pass.enclosing("http");
    if (address == null || http == null) {
      return null;
    }
    // every literal pass of the tree, by address, in reading order: names are given in that order
    Map<String, List<Directive>> byAddress = new LinkedHashMap<>();
    Map<String, Address> addresses = new LinkedHashMap<>();
    pass.tree().walk(d -> {
      PassTarget t = literal(d, ctx);
      Address a = t == null || d.name().equals("grpc_pass") ? null : Address.of(d, t);
      if (a != null) {
        byAddress.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(d);
        addresses.putIfAbsent(a.key(), a);
      }
    });
    String name = nameFor(address.key(), addresses, ctx);
    // all passes to this address share one new block: one fix rewrites them all (the
    // findings of the others carry the same edits, which then overlap and are skipped)
    List<TextEdit> edits = new ArrayList<>();
    Map<String, List<String>> seen = new java.util.HashMap<>();
    String differing = null;
    boolean self = false;
    for (Directive p : byAddress.getOrDefault(address.key(), List.of())) {
      Address a = Address.of(p, PassTarget.of(p, ctx));
      List<TextEdit> mine = passEdits(p, a, name, ctx);
      if (mine == null) {
        continue;
      }
      TextEdit rewrite = mine.get(mine.size() - 1);
      List<String> texts = mine.stream().map(TextEdit::replacement).toList();
      List<String> before = seen.putIfAbsent(rewrite.file().path() + ":" + rewrite.start(), texts);
      if (before != null) {
        // the same line read twice (a file included in two places): one edit serves both
        // only when both places inherit the same settings
        if (!before.equals(texts)) {
          differing = p.file().displayName();
        }
        continue;
      }
      edits.addAll(mine);
      self |= p == pass;
    }
    if (differing != null && pass.file().displayName().equals(differing)) {
      return Fix.displayOnly("move " + address.server() + " into a new upstream \"" + name + "\" with keepalive"
          + " (not applied: " + differing + " is included in several places whose inherited headers differ,"
          + " so one edit cannot keep them all)", List.of());
    }
    if (!self) {
      return null;
    }
    int size = Math.max(1, ctx.intOption(this, "keepalive-connections", 32));
    // one place for the block whichever finding carries the fix: beside the address's first pass
    TextEdit block = upstreamBlock(http, byAddress.get(address.key()).get(0), name,
        List.of("server " + Edits.quote(address.server()) + ";", "keepalive " + size + ";"));
    if (block == null) {
      return null;
    }
    edits.add(0, block);
    return Fix.unsafe("move " + address.server() + " into a new upstream \"" + name + "\" with keepalive", edits);
  }

  /** A name no upstream has (case-insensitively), unique among the new ones too. */
  private static String nameFor(String key, Map<String, Address> addresses, RuleContext ctx) {
    Set<String> taken = new HashSet<>();
    for (Directive u : ctx.httpUpstreams()) {
      taken.add(u.arg(0).toLowerCase(Locale.ROOT));
    }
    for (Map.Entry<String, Address> e : addresses.entrySet()) {
      String base = "backend_" + e.getValue().server().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
      String name = base;
      for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)); i++) {
        name = base + "_" + i;
      }
      taken.add(name.toLowerCase(Locale.ROOT));
      if (e.getKey().equals(key)) {
        return name;
      }
    }
    throw new IllegalStateException("address not collected: " + key);
  }

  /**
   * The new block. When the first pass's server comes from a file included at http level
   * (sites-enabled/*, conf.d/*.conf), the block goes into that file, which then stays
   * self-contained: after its last upstream, else before its first server. Otherwise into
   * http's own file: after its last upstream, else before its first server, else after its
   * last line (a Debian nginx.conf whose servers are all in sites-enabled).
   */
  private static TextEdit upstreamBlock(Directive http, Directive firstPass, String name, List<String> body) {
    Directive server = firstPass.enclosing("server");
    if (server != null && server.parent() == http && server.includedBy() != null && server.file() == firstPass.file()) {
      TextEdit inSite = blockAmong(http, server.file(), server.includedBy(), name, body);
      if (inSite != null) {
        return inSite;
      }
    }
    TextEdit own = blockAmong(http, http.file(), null, name, body);
    if (own != null) {
      return own;
    }
    Directive last = null;
    for (Directive d : http.block()) {
      if (d.file() == http.file() && d.includedBy() == null) {
        last = d;
      }
    }
    return last == null ? null : Edits.insertBlockAfter(last, "upstream " + name, body);
  }

  /**
   * After the last upstream, else before the first server, among http's lines written in
   * {@code file} (brought in by {@code includedBy}, null: http's own lines); null when neither.
   */
  private static TextEdit blockAmong(Directive http, dev.nginxlint.model.SourceFile file, Directive includedBy,
      String name, List<String> body) {
    Directive lastUpstream = null;
    Directive firstServer = null;
    for (Directive d : http.block()) {
      if (d.file() != file || d.includedBy() != includedBy) {
        continue;
      }
      if (d.name().equals("upstream") && d.hasBlock()) {
        lastUpstream = d;
      } else if (d.name().equals("server") && d.hasBlock() && firstServer == null) {
        firstServer = d;
      }
    }
    if (lastUpstream != null) {
      return Edits.insertBlockAfter(lastUpstream, "upstream " + name, body);
    }
    return firstServer == null ? null : Edits.insertBlockBefore(firstServer, "upstream " + name, body);
  }

  /**
   * The edits converting one pass, the rewrite of its address last; null when what
   * $proxy_host gave cannot be kept there.
   */
  private static List<TextEdit> passEdits(Directive pass, Address a, String name, RuleContext ctx) {
    List<String> lines = new ArrayList<>();
    if (pass.name().equals("proxy_pass") && !proxyHostKept(pass, a, lines, ctx)) {
      return null;
    }
    List<TextEdit> edits = new ArrayList<>();
    if (!lines.isEmpty()) {
      Directive level = pass.parent();
      // new lines only where they reach this pass alone: a location of the pass's own file
      // with no other proxy_pass below it (nested locations and ifs inherit them)
      if (level == null || !level.name().equals("location") || pass.file() != level.file()
          || pass.includedBy() != null || hasOtherProxyPass(level, pass)) {
        return null;
      }
      for (String line : lines) {
        edits.add(Edits.insertBefore(pass, line));
      }
    }
    edits.add(Edits.replaceArg(pass, pass.args().get(0), Edits.quote(a.prefix() + name + a.rest())));
    return edits;
  }

  /**
   * Adds to {@code lines} what keeps the Host header, the TLS name and proxy_redirect as the
   * literal address made them; false when that cannot be done.
   */
  private static boolean proxyHostKept(Directive pass, Address a, List<String> lines, RuleContext ctx) {
    // the cache key default is $scheme$proxy_host$request_uri: it would change
    Directive cache = ctx.effective(pass, "proxy_cache");
    if (cache != null && !"off".equals(cache.arg(0)) && ctx.effective(pass, "proxy_cache_key") == null) {
      return false;
    }
    Directive key = ctx.effective(pass, "proxy_cache_key");
    if (key != null && usesProxyHost(key)) {
      return false;
    }
    // Host: the default header is $proxy_host; the list is inherited all or nothing
    List<Directive> headers = ctx.effectiveArray(pass, "proxy_set_header");
    boolean hostSet = false;
    for (Directive h : headers) {
      if (usesProxyHost(h)) {
        return false;
      }
      hostSet |= "host".equalsIgnoreCase(h.arg(0));
    }
    if (!hostSet) {
      Directive listLevel = headers.isEmpty() ? null : headers.get(0).parent();
      // an include not read here, up to the level of the list in effect, may set Host or a
      // list of its own: a list written in the location would drop what it sets
      if (UnreadIncludes.nearest(pass, listLevel == null ? null : listLevel.parent(), ctx) != null) {
        return false;
      }
      if (ctx.arrayLevel(pass.parent(), "proxy_set_header") != pass.parent()) {
        for (Directive h : headers) {
          lines.add(Edits.textOf(h)); // keep the inherited list: one line here drops it
        }
      }
      lines.add("proxy_set_header Host " + Edits.quote(a.hostHeader()) + ";");
    }
    // TLS: proxy_ssl_name defaults to the proxy_pass host (SNI, certificate name)
    if (a.https()) {
      Directive sslName = ctx.effective(pass, "proxy_ssl_name");
      if (sslName != null && usesProxyHost(sslName)) {
        return false;
      }
      if (sslName == null) {
        if (ctx.version().before(PROXY_SSL_NAME)) {
          return false;
        }
        lines.add("proxy_ssl_name " + Edits.quote(a.sslHost()) + ";");
      }
    }
    // proxy_redirect default is built from the proxy_pass text (not used with variables)
    List<Directive> redirects = ctx.effectiveArray(pass, "proxy_redirect");
    for (Directive r : redirects) {
      if ("default".equals(r.arg(0)) || usesProxyHost(r)) {
        return false;
      }
    }
    boolean variables = pass.args().get(0).hasVariable();
    // a Location header never names a unix: socket URL, so its default rewrite never matched
    if (redirects.isEmpty() && !variables && !a.unix()) {
      String url = pass.arg(0);
      if (a.rest().isEmpty()) {
        lines.add("proxy_redirect " + Edits.quote(url + "/") + " /;");
      } else {
        Directive location = pass.parent();
        if (location == null || !location.name().equals("location") || location.argCount() == 0) {
          return false;
        }
        String prefix = location.arg(location.argCount() - 1);
        lines.add("proxy_redirect " + Edits.quote(url) + " " + Edits.quote(prefix) + ";");
      }
    }
    return true;
  }

  private static boolean usesProxyHost(Directive d) {
    for (int i = 0; i < d.argCount(); i++) {
      if (d.arg(i).contains("$proxy_host") || d.arg(i).contains("${proxy_host}")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasOtherProxyPass(Directive level, Directive pass) {
    boolean[] found = {false};
    walk(level, d -> found[0] |= d != pass && d.name().equals("proxy_pass"));
    return found[0];
  }

  private static void walk(Directive block, java.util.function.Consumer<Directive> visitor) {
    if (block.block() == null) {
      return;
    }
    for (Directive d : block.block()) {
      visitor.accept(d);
      walk(d, visitor);
    }
  }
}
