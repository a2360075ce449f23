package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.Locale;

/**
 * What a `proxy_pass` / `grpc_pass` / `fastcgi_pass` / `uwsgi_pass` / `scgi_pass` /
 * `memcached_pass` points at: a scheme, a host part (an upstream name, a literal address, a
 * unix: socket, or something only known at run time) and whether variables are involved.
 */
public record PassTarget(
    String directive,
    String scheme,
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
    String rest = url;
    int sep = url.indexOf("://");
    if (sep >= 0) {
      scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
      rest = url.substring(sep + 3);
    }
    boolean anyVar = pass.args().get(0).hasVariable();
    if (rest.startsWith("unix:")) {
      return new PassTarget(name, scheme, rest, null, true, false, anyVar);
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
    return new PassTarget(name, scheme, host, port, false, variableHost, anyVar);
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
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

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
}
