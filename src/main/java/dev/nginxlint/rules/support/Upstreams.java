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
}
