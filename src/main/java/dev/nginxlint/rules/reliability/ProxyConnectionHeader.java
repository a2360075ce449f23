package dev.nginxlint.rules.reliability;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.DirectiveRule;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import dev.nginxlint.rules.support.PassTarget;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Requests to an upstream group that carry "Connection: close": nginx's own default before
 * 1.29.7 when the effective proxy_set_header list has no Connection, a constant close, or the
 * WebSocket map's '' close. The backend then closes every connection: keepalive never works.
 */
@Rule(id = "proxy-connection-header", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class ProxyConnectionHeader implements DirectiveRule {

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    // stream proxy_pass is plain TCP: no HTTP headers
    if (!ctx.isHttpContext(pass)) {
      return;
    }
    PassTarget target = PassTarget.of(pass);
    // implicit upstreams (address, unix:, variable host) have no connection cache to defeat
    Directive group = target == null ? null : target.upstream(ctx);
    if (group == null) {
      return;
    }
    // "keepalive 0": no connection cache either
    if (ProxyHttpVersion.keepaliveOff(group, ctx)) {
      return;
    }
    // proxy_set_header is not allowed in "if": the list starts at the enclosing level anyway
    List<Directive> headers = ctx.effectiveArray(pass, "proxy_set_header");
    // an include that could not be read, up to the level of the list, may hold other headers
    Directive listLevel = headers.isEmpty() ? null : headers.get(0).parent();
    if (ProxyHttpVersion.unreadIncludeOnPath(pass, listLevel == null ? null : listLevel.parent(), ctx)) {
      return;
    }
    boolean anyConnection = false;
    for (Directive h : headers) {
      // a header line needs a name and a value; nginx -t rejects anything else
      if (h.argCount() < 2 || !"connection".equalsIgnoreCase(h.arg(0))) {
        continue;
      }
      anyConnection = true;
      String value = h.arg(1);
      if (!h.args().get(1).hasVariable()) {
        if (value.trim().equalsIgnoreCase("close")) {
          ctx.report(this, pass, "proxy_pass to upstream \"" + group.arg(0)
              + "\" sends \"Connection: close\" (proxy_set_header Connection " + h.args().get(1).raw()
              + "): the backend closes every connection and upstream keepalive never works; use"
              + " proxy_set_header Connection \"\"");
        }
        continue;
      }
      Directive entry = closeEntryOfUpgradeMap(value, ctx);
      if (entry != null) {
        Directive map = entry.parent();
        ctx.report(this, entry.file(), entry.headSpan(), "map " + map.arg(1)
            + " yields \"close\" when $http_upgrade is empty, so every plain request sends"
            + " \"Connection: close\" to an upstream group and keepalive never works; map '' to \"\"",
            null);
      }
    }
    // before 1.29.7 nginx adds its own "Connection: close" when the list has none
    if (anyConnection || ctx.keepaliveDefaults()) {
      return;
    }
    // HTTP/2 to the backend (1.29.4+) sends no Connection header at all
    Directive version = ctx.effective(pass, "proxy_http_version");
    if (version != null && "2".equals(version.arg(0))) {
      return;
    }
    ctx.report(this, pass, "proxy_pass to upstream \"" + group.arg(0)
        + "\" sends nginx's default \"Connection: close\" (no proxy_set_header Connection in effect"
        + " before nginx 1.29.7): upstream keepalive never works; add proxy_set_header Connection \"\"");
  }

  /**
   * For a header value that is just a variable defined by a map on $http_upgrade: the map entry
   * that yields "close" for an empty $http_upgrade ('' close, or default close without ''), or null.
   */
  static Directive closeEntryOfUpgradeMap(String value, RuleContext ctx) {
    String var = soleVariable(value);
    if (var == null) {
      return null;
    }
    for (Directive def : ctx.variableDefinitions(var)) {
      // only the WebSocket map keyed on $http_upgrade is understood here
      if (!isUpgradeMap(def)) {
        continue;
      }
      Directive empty = null;
      Directive dflt = null;
      for (Directive e : def.block()) {
        if (e.name().isEmpty() && e.statement().nameArg().isQuoted()) {
          empty = e;
        } else if (e.name().equals("default")) {
          dflt = e;
        }
      }
      Directive used = empty != null ? empty : dflt;
      if (used != null && used.argCount() == 1 && !used.args().get(0).hasVariable()
          && used.arg(0).trim().equalsIgnoreCase("close")) {
        return used;
      }
    }
    return null;
  }

  /** A `map $http_upgrade $x { ... }` block. */
  static boolean isUpgradeMap(Directive def) {
    return def.name().equals("map") && def.hasBlock() && def.argCount() == 2
        && def.arg(0).toLowerCase(Locale.ROOT).equals("$http_upgrade");
  }

  /** "$name" or "${name}" → name; anything else (text around it, two variables) → null. */
  static String soleVariable(String value) {
    if (value.length() < 2 || value.charAt(0) != '$') {
      return null;
    }
    String name = value.substring(1);
    if (name.startsWith("{") && name.endsWith("}")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.isEmpty()) {
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || Character.isLetterOrDigit(c))) {
        return null;
      }
    }
    return name;
  }
}
