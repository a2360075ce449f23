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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A container's service name as an upstream server or a literal pass host: nginx resolves it
 * once, at start-up (or reload), and keeps that address. When the container is re-created it
 * usually gets another address, and every request goes to the old one (connect() timed out or
 * "No route to host", 502/504) until nginx is reloaded. From 1.27.3 an upstream server can be
 * re-resolved while nginx runs (`resolve`, with a `zone` and a `resolver`).
 */
@RuleOption(name = "resolver", type = RuleOption.Type.WORDS, defaultValue = "",
    description = "the arguments of the resolver line the fix adds to the upstream block when none is in scope"
        + " (unset: Docker's 127.0.0.11 valid=10s for single-label names; no fix for Kubernetes names)")
@Rule(id = "upstream-static-dns", category = Category.RELIABILITY, severity = Severity.INFO,
    fix = FixAvailability.SOMETIMES)
public final class UpstreamStaticDns implements DirectiveRule {

  private static final NginxVersion RESOLVE = new NginxVersion(1, 27, 3);
  // compiled once: String.matches compiles its pattern on every call, and every pass and upstream
  // server of a 5,000-server config asks (it cost 0.3 s and 110 MB there)
  private static final java.util.regex.Pattern HOST_NAME =
      java.util.regex.Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final java.util.regex.Pattern ALL_DIGITS = java.util.regex.Pattern.compile("[0-9]+");
  /** Docker's embedded DNS server, on every user-defined network (compose makes one per project). */
  private static final String DOCKER_DNS = "127.0.0.11 valid=10s";

  private enum Kind { DOCKER, KUBERNETES }

  @Override
  public Set<String> directives() {
    Set<String> names = new java.util.HashSet<>(PassTarget.PASSES);
    names.add("server");
    return names;
  }

  @Override
  public void check(Directive d, RuleContext ctx) {
    if (d.name().equals("server")) {
      checkServer(d, ctx);
    } else {
      checkPass(d, ctx);
    }
  }

  private void checkServer(Directive server, RuleContext ctx) {
    String host = Upstreams.startupHost(server);
    // not a group's server resolved at start-up (see Upstreams.startupHost)
    if (host == null) {
      return;
    }
    Kind kind = kind(host);
    if (kind == null) {
      return;
    }
    Directive group = server.parent();
    String written = PassTarget.splitHostPort(server.arg(0))[1];
    String port = written == null ? "80" : written;
    String what = "upstream \"" + group.arg(0) + "\" server \"" + server.arg(0) + "\"";
    if (ctx.version().atLeast(RESOLVE)) {
      ctx.report(this, server, why(what, host, kind) + "; add resolve (with a zone and a resolver for the group)",
          resolveFix(server, group, kind, ctx));
    } else {
      ctx.report(this, server, why(what, host, kind) + "; nginx " + ctx.version() + " cannot re-resolve an upstream"
          + " server (resolve needs 1.27.3): reload nginx when the backend is re-created, or use a variable"
           + " proxy_pass (set $backend " + host + "; proxy_pass http://$backend:" + port + ";) with " + resolverHint(kind)
          + ", which gives up the group's keepalive and balancing");
    }
  }

  private void checkPass(Directive pass, RuleContext ctx) {
    PassTarget t = PassTarget.of(pass, ctx);
    // a variable URL is resolved per request by the resolver; a socket has no host
    if (t == null || t.anyVariable() || t.unixSocket() || t.host().isEmpty()) {
      return;
    }
    // a template placeholder given no value here (${BACKEND_HOST}) is rendered as its bare name,
    // which is not the host nginx will be given
    if (pass.file().holdsUnsetPlaceholder(pass.args().get(0))) {
      return;
    }
    // without a port the name may be a group's: one in a file not read here, or one nginx sees
    // that this tree does not (the group lookup alone is not enough), and a wrong finding is worse
    if (t.port() == null) {
      return;
    }
    Kind kind = kind(t.host());
    if (kind == null) {
      return;
    }
    String what = pass.name() + " host \"" + t.host() + "\"";
    ctx.report(this, pass, why(what, t.host(), kind) + "; use a variable (set $backend " + t.host() + "; then "
        + pass.name() + " with $backend in place of the host) and " + resolverHint(kind)
        + (ctx.version().atLeast(RESOLVE) ? ", or an upstream group whose server has resolve" : ""));
  }

  private static String why(String what, String host, Kind kind) {
    String source = kind == Kind.DOCKER
        ? "looks like a Docker Compose service's name (a container's address changes when it is re-created;"
            + " a Swarm service's virtual IP does not)"
        : "is a Kubernetes service name (a pod's address changes when it is re-created; a Service's only when"
            + " the Service is, unless it is headless)";
    return what + " " + source + ": nginx resolves \"" + host + "\" once, at start-up, so after the backend is"
        + " re-created with a new address every request goes to the old one (502/504) until nginx is reloaded";
  }

  private static String resolverHint(Kind kind) {
    return kind == Kind.DOCKER ? "a resolver (Docker's DNS: resolver 127.0.0.11 valid=10s;)"
        : "a resolver (the cluster DNS service's address)";
  }

  /**
   * Unsafe (nginx then depends on DNS while running): `resolve` on the server line, plus what it
   * needs in the group: a `zone` and a `resolver` when none is in scope. Display-only when the
   * resolver address is not known (a Kubernetes name without the rule option) or when an include
   * the group reads was not checked (it may already set them: "is duplicate").
   */
  private Fix resolveFix(Directive server, Directive group, Kind kind, RuleContext ctx) {
    List<TextEdit> edits = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    Directive unread = UnreadIncludes.inBlock(group, ctx);
    if (ctx.childrenNamed(group, "zone").isEmpty()) {
      // zone names are one namespace for http and stream: a stream group "db" must not take http's name
      String zone = ("stream".equals(group.contextName()) ? "stream_upstream_" : "upstream_")
          + group.arg(0).replaceAll("[^A-Za-z0-9_-]", "_");
      edits.add(Edits.insertAtStart(group, "zone " + zone + " 64k;"));
      parts.add("zone " + zone + " 64k");
    }
    if (!resolverInScope(group, ctx)) {
      String value = ctx.option(this, "resolver", "").trim();
      if (value.isEmpty() && kind == Kind.DOCKER) {
        value = DOCKER_DNS;
      }
      if (value.isEmpty()) {
        return Fix.displayOnly("add resolve to the server, a zone and a resolver (the cluster DNS address: set the"
            + " rule option \"resolver\") to the upstream block", List.of());
      }
      edits.add(Edits.insertAtStart(group, "resolver " + value + ";"));
      parts.add("resolver " + value);
    }
    edits.add(Edits.appendArg(server, "resolve"));
    String title = "add resolve to the server" + (parts.isEmpty() ? "" : " and " + String.join(", ", parts)
        + " to the upstream block") + " (nginx then re-resolves the name while running; check that this DNS server"
        + " answers for it)";
    if (unread != null) {
      return Fix.displayOnly(title + " (\"" + unread.arg(0) + "\" was not read and may set a zone or resolver)", List.of());
    }
    return Fix.unsafe(title, edits);
  }

  /** A resolver the group's resolve servers use: one in the upstream block, or in http/stream. */
  private static boolean resolverInScope(Directive group, RuleContext ctx) {
    return !ctx.childrenNamed(group, "resolver").isEmpty() || ctx.effective(group, "resolver") != null;
  }

  /**
   * What kind of changing address a host name stands for, or null for a name that is stable or
   * not one at all: addresses, localhost (upstream-localhost's), names with dots (a service's
   * DNS name, an FQDN: whoever runs it keeps it stable) other than Kubernetes cluster names.
   */
  static Kind kind(String raw) {
    String host = raw.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || PassTarget.isIp(host) || host.equals("localhost") || host.startsWith("[")) {
      return null;
    }
    if (!HOST_NAME.matcher(host).matches()) {
      return null;
    }
    if (host.indexOf('.') < 0) {
      // all digits is a port or an address fragment, not a name
      return ALL_DIGITS.matcher(host).matches() ? null : Kind.DOCKER;
    }
    List<String> labels = List.of(host.split("\\."));
    int svc = labels.indexOf("svc");
    // name.namespace.svc[.cluster.local]: a Service, or a pod behind a headless one
    return svc >= 2 ? Kind.KUBERNETES : null;
  }
}
