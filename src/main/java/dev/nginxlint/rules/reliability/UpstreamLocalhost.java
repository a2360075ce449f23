package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.LocalServers;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.Upstreams;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * `localhost` as an upstream server or a literal pass host: nginx resolves it once, at start-up,
 * to every address the system gives it (127.0.0.1 and ::1 where /etc/hosts lists both, as
 * Debian, Ubuntu and Docker's default hosts file do) and balances over all of them. A backend
 * listening on one of the two refuses the other: `connect() failed (111: Connection refused)`
 * for every other try, retried, and counted against max_fails, so one more blip on the good
 * address leaves `no live upstreams` and 502s.
 */
@Rule(id = "upstream-localhost", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class UpstreamLocalhost implements DirectiveRule {

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
      return;
    }
    PassTarget t = PassTarget.of(d, ctx);
    // a variable URL is resolved per request by the resolver, a socket has no host
    if (t == null || t.anyVariable() || t.unixSocket() || !isLocalhost(t.host())) {
      return;
    }
    // an upstream group may be named localhost: then it is no host name at all
    if (ctx.isHttpContext(d) && ctx.httpUpstream(t.host()) != null) {
      return;
    }
    int port = t.port() == null ? PassTarget.defaultPort(t.scheme()) : PassTarget.parsePort(t.port());
    // the backend is a server of this configuration listening on both addresses: neither is refused
    if (bothFamiliesServed(port, ctx)) {
      return;
    }
    report(d, d.args().get(0), d.name(), port, ctx);
  }

  private void checkServer(Directive server, RuleContext ctx) {
    String host = Upstreams.startupHost(server);
    // not a group's server resolved at start-up (see Upstreams.startupHost), or not localhost
    if (host == null || !isLocalhost(host)) {
      return;
    }
    String written = PassTarget.splitHostPort(server.arg(0))[1];
    int port = written == null ? 80 : PassTarget.parsePort(written);
    // the backend is a server of this configuration listening on both addresses: neither is refused
    if (bothFamiliesServed(port, ctx)) {
      return;
    }
    report(server, server.args().get(0), "upstream \"" + server.parent().arg(0) + "\" server", port, ctx);
  }

  private void report(Directive d, Arg arg, String what, int port, RuleContext ctx) {
    // the backend is this configuration's own server on one family only: which one is known
    boolean ownV4 = port > 0 && !LocalServers.at(LocalServers.Family.V4, port, ctx).isEmpty();
    boolean ownV6 = port > 0 && !LocalServers.at(LocalServers.Family.V6, port, ctx).isEmpty();
    String address = ownV6 && !ownV4 ? "[::1]" : "127.0.0.1";
    String own = ownV4 == ownV6 ? ""
        : " (here it does: this configuration's own server on port " + port + " listens on "
            + (ownV4 ? "IPv4" : "IPv6") + " only, so every try on " + (ownV4 ? "::1" : "127.0.0.1") + " is refused)";
    String raw = arg.raw();
    int at = raw.toLowerCase(Locale.ROOT).indexOf("localhost");
    String fixed = raw.substring(0, at) + address + raw.substring(at + "localhost".length());
    String msg = what + " \"" + arg.value() + "\" names localhost, which nginx resolves at start-up to every"
        + " address the system gives it (127.0.0.1 and ::1 where /etc/hosts lists both) and balances over"
        + " them: a backend listening on one of them refuses the other (111: Connection refused), counted"
        + " against max_fails" + own + "; name the address the backend listens on";
    ctx.report(this, d, msg, fix(d, arg, fixed, address, !own.isEmpty()));
  }

  private static Fix fix(Directive d, Arg arg, String fixed, String address, boolean known) {
    // a pass's host is also the default Host header ($proxy_host) and TLS name
    String also = d.name().equals("server") ? "" : "the default Host header and TLS name become " + address + " too";
    String check = known ? "" : "check that the backend listens there, not only on " + (address.equals("[::1]") ? "127.0.0.1" : "::1");
    String why = String.join("; ", java.util.stream.Stream.of(check, also).filter(s -> !s.isEmpty()).toList());
    return Fix.unsafe("use " + address + (why.isEmpty() ? "" : " (" + why + ")"), List.of(Edits.replaceArg(d, arg, fixed)));
  }

  /**
   * True when http servers of this configuration accept the port on 127.0.0.1 and on ::1 (`listen
   * 8080;` with `listen [::]:8080;`, or `listen [::]:8080 ipv6only=off;`): nginx proxying to itself,
   * where either address nginx picks is answered. (A port only nginx's IPv4 listen takes is the
   * failure this rule is about: `listen 8080;` alone is IPv4 only.)
   */
  private static boolean bothFamiliesServed(int port, RuleContext ctx) {
    return port > 0 && !LocalServers.at(LocalServers.Family.V4, port, ctx).isEmpty()
        && !LocalServers.at(LocalServers.Family.V6, port, ctx).isEmpty();
  }

  private static boolean isLocalhost(String host) {
    return host != null && (host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase("localhost."));
  }
}
