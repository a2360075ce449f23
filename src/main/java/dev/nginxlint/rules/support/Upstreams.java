package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.List;

/** What decides whether connections to an upstream group are kept and reused. */
public final class Upstreams {

  private Upstreams() {
  }

  /** True when the group's last keepalive line says 0: someone turned the connection cache off. */
  public static boolean keepaliveOff(Directive group, RuleContext ctx) {
    List<Directive> keepalive = ctx.childrenNamed(group, "keepalive");
    return !keepalive.isEmpty() && "0".equals(keepalive.get(keepalive.size() - 1).arg(0));
  }

  /** True when fastcgi_keep_conn on is in effect for a fastcgi_pass (without it nginx closes each connection). */
  public static boolean keepConnOn(Directive pass, RuleContext ctx) {
    Directive keepConn = ctx.effective(pass, "fastcgi_keep_conn");
    return keepConn != null && "on".equalsIgnoreCase(keepConn.arg(0));
  }

  /**
   * The host of an upstream group's `server` line that nginx resolves once, at start-up, or null:
   * not a server of an upstream block (http server blocks, stream and mail listeners), a unix socket,
   * a variable, a template placeholder given no value here (its host is not known), or a line re-resolved while running
   * (`resolve`, `service=`) or never used (`down`).
   */
  public static String startupHost(Directive server) {
    Directive group = server.parent();
    if (group == null || !group.name().equals("upstream") || !group.hasBlock() || server.argCount() < 1
        || server.args().get(0).hasVariable() || server.arg(0).regionMatches(true, 0, "unix:", 0, 5)
        || server.file().holdsUnsetPlaceholder(server.args().get(0))) {
      return null;
    }
    for (int i = 1; i < server.argCount(); i++) {
      String p = server.arg(i);
      if (p.equals("resolve") || p.equals("down") || p.startsWith("service=")) {
        return null;
      }
    }
    return PassTarget.splitHostPort(server.arg(0))[0];
  }
}
