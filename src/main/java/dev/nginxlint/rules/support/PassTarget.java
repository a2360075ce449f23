package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a `proxy_pass` / `grpc_pass` / `fastcgi_pass` / `uwsgi_pass` / `scgi_pass` /
 * `memcached_pass` points at: a scheme, a host part (an upstream name, a literal address, a
 * unix: socket, or something only known at run time) and whether variables are involved.
 */
public record PassTarget(
    String directive,
    /** The scheme, lower-cased ("" when the URL has none). */
    String scheme,
    /** The scheme and "://" as written ("HTTPS://"; "" when none): what a fix keeps. */
    String schemePrefix,
    /** Everything after {@link #schemePrefix}: host part, port, URI, as written. */
    String rest,
    /** The host part as written (before any port/URI), without the scheme. */
    String host,
    /** The port as written, or null. */
    String port,
    boolean unixSocket,
    /** The host part contains a variable: resolved at run time. */
    boolean variableHost,
    /** Any variable anywhere in the URL (nginx then resolves the host at run time). */
    boolean anyVariable) {

  private static final Object PARSED = new Object();

  /** As {@link #of(Directive)}, parsed once per directive for all the rules that ask. */
  public static PassTarget of(Directive pass, RuleContext ctx) {
    return ctx.perDirective(PARSED, pass, PassTarget::of);
  }

  /** Parses the first argument of a *_pass directive; null when it has none. */
  public static PassTarget of(Directive pass) {
    String url = pass.arg(0);
    if (url == null) {
      return null;
    }
    String name = pass.name();
    String scheme = "";
    String prefix = "";
    String rest = url;
    int sep = url.indexOf("://");
    if (sep >= 0) {
      prefix = url.substring(0, sep + 3);
      scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
      rest = url.substring(sep + 3);
    }
    boolean anyVar = pass.args().get(0).hasVariable();
    if (rest.startsWith("unix:")) {
      return new PassTarget(name, scheme, prefix, rest, rest, null, true, false, anyVar);
    }
    int end = rest.length();
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      end = slash;
    }
    String hostPort = rest.substring(0, end);
    // a variable after the host (http://app$request_uri) is not part of the host
    String host = hostPort;
    String port = null;
    int dollar = indexOfVariable(hostPort);
    String afterVar = "";
    if (dollar > 0) {
      host = hostPort.substring(0, dollar);
      afterVar = hostPort.substring(dollar);
    }
    boolean variableHost = dollar == 0;
    if (!variableHost) {
      String[] split = splitHostPort(host);
      host = split[0];
      port = split[1];
    } else {
      host = hostPort;
    }
    if (afterVar.startsWith("$") && port == null && host.endsWith(":")) {
      host = host.substring(0, host.length() - 1);
      port = afterVar;
    }
    return new PassTarget(name, scheme, prefix, rest, host, port, false, variableHost, anyVar);
  }

  /** "host:port", "[v6]:port" or "host" → {host, port or null}. */
  public static String[] splitHostPort(String hostPort) {
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close > 0 && close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
        return new String[] {hostPort.substring(0, close + 1), hostPort.substring(close + 2)};
      }
      return new String[] {hostPort, null};
    }
    int colon = hostPort.lastIndexOf(':');
    return colon >= 0
        ? new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)}
        : new String[] {hostPort, null};
  }

  private static int indexOfVariable(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '$' && i + 1 < s.length()) {
        char c = s.charAt(i + 1);
        if (c == '{' || c == '_' || Character.isLetterOrDigit(c)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** True for a literal IPv4/IPv6 address host. */
  public boolean isIpLiteral() {
    return isIp(host);
  }

  public static boolean isIp(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      return true;
    }
    return IPV4.matcher(host).matches();
  }

  // compiled once: String.matches would compile it for every upstream server asked about
  private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * The http upstream group this target names, or null: a literal host with no port that
   * matches an `upstream` block (case-insensitively, defined anywhere in the tree).
   */
  public Directive upstream(RuleContext ctx) {
    if (unixSocket || variableHost || port != null || host.isEmpty()) {
      return null;
    }
    return ctx.httpUpstream(host);
  }

  private static final Object GROUPS = new Object();

  /**
   * The http upstream groups a *_pass reaches: the one its literal host names, or, when the
   * host is a variable ({@code set $b http://app; proxy_pass $b;}, a map to group names), the
   * groups of all the values the config gives it, provided every value names one (nginx looks
   * the evaluated host up among the upstream blocks first, so the group's keepalive and the
   * rules about it apply as for a literal name). Empty otherwise. Worked out once per directive.
   */
  public static List<Directive> upstreams(Directive pass, RuleContext ctx) {
    return ctx.perDirective(GROUPS, pass, p -> groupsNow(p, ctx));
  }

  /** The first of {@link #upstreams}, or null: for rules that speak of one group. */
  public static Directive firstUpstream(Directive pass, RuleContext ctx) {
    List<Directive> groups = upstreams(pass, ctx);
    return groups.isEmpty() ? null : groups.get(0);
  }

  private static List<Directive> groupsNow(Directive pass, RuleContext ctx) {
    PassTarget target = of(pass, ctx);
    if (target == null) {
      return List.of();
    }
    if (!target.variableHost()) {
      Directive group = target.upstream(ctx);
      return group == null ? List.of() : List.of(group);
    }
    List<String> urls = VariableValues.expand(pass.arg(0), pass, ctx);
    // too many combinations to say
    if (urls == null) {
      return List.of();
    }
    boolean schemeWritten = pass.arg(0).indexOf("://") >= 0;
    List<Directive> groups = new ArrayList<>();
    for (String url : urls) {
      int sep = url.indexOf("://");
      // proxy_pass $x needs the scheme in the value (nginx answers 500 otherwise): no group
      if (sep < 0 && !schemeWritten && pass.name().equals("proxy_pass")) {
        return List.of();
      }
      String rest = sep >= 0 ? url.substring(sep + 3) : url;
      int end = rest.length();
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        // a variable right after a literal host is taken for the URI ($request_uri, $uri)
        if (c == '/' || c == '?' || (c == VariableValues.UNKNOWN && i > 0)) {
          end = i;
          break;
        }
      }
      String hostPort = rest.substring(0, end);
      // an empty value ("http://") is an invalid URL at run time, not a request to a group
      if (hostPort.isEmpty()) {
        continue;
      }
      // a host the config does not give, or any port: not a group name
      if (hostPort.indexOf(VariableValues.UNKNOWN) >= 0 || hostPort.indexOf(':') >= 0) {
        return List.of();
      }
      Directive group = ctx.httpUpstream(hostPort);
      if (group == null) {
        return List.of();
      }
      if (!groups.contains(group)) {
        groups.add(group);
      }
    }
    return List.copyOf(groups);
  }

  // ---- implicit upstreams ----

  private static final Object IMPLICIT = new Object();
  /** The directives that name a backend a PassTarget is read from (http and stream: proxy_pass). */
  public static final List<String> PASSES =
      List.of("proxy_pass", "grpc_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "memcached_pass");

  /** The port a URL without one gets: the scheme's (0 when it has none). */
  public static int defaultPort(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http", "grpc", "uwsgi" -> 80;
      case "https", "grpcs", "suwsgi" -> 443;
      default -> 0;
    };
  }

  /**
   * True when a literal *_pass of the http tree (with no variable and no group of that name)
   * made an implicit upstream for host:port: nginx looks a run-time host up among those before
   * it asks a resolver, and connects to the addresses found at start-up.
   */
  public static boolean isImplicitUpstream(String host, int port, RuleContext ctx) {
    java.util.Set<String> keys = ctx.shared(IMPLICIT, () -> {
      java.util.Set<String> made = new java.util.HashSet<>();
      for (Directive d : ctx.directivesNamed(PASSES)) {
        PassTarget t = of(d, ctx);
        // a stream pass has its own upstreams; a variable one makes none
        if (t == null || !ctx.isHttpContext(d) || t.anyVariable() || t.unixSocket() || t.host().isEmpty()) {
          continue;
        }
        // a group's name uses the block: no implicit upstream is made
        if (t.port() == null && ctx.httpUpstream(t.host()) != null) {
          continue;
        }
        int p = t.port() == null ? defaultPort(t.scheme()) : parsePort(t.port());
        if (p > 0) {
          made.add(t.host().toLowerCase(Locale.ROOT) + ":" + p);
        }
      }
      return made;
    });
    return !keys.isEmpty() && port > 0 && keys.contains(host.toLowerCase(Locale.ROOT) + ":" + port);
  }

  /** A port number as written, or -1. */
  public static int parsePort(String s) {
    if (s == null || s.isEmpty() || s.length() > 5) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(s);
  }
}
