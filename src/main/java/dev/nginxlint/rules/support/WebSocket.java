package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.List;
import java.util.Locale;

/**
 * Locations that only proxy WebSocket: nginx never caches an upgraded connection, so connection
 * reuse (an upstream group, keepalive) changes nothing for them.
 */
public final class WebSocket {

  private WebSocket() {
  }

  private static final Object ONLY = new Object();

  /**
   * True for a proxy_pass whose effective headers send {@code Upgrade $http_upgrade} and a
   * literal {@code Connection "upgrade"} on every request: each connection is either upgraded
   * (never cached) or told to upgrade. With a map ({@code $connection_upgrade}) the location
   * also serves plain requests, whose connections keepalive does reuse: not "only".
   */
  public static boolean only(Directive pass, RuleContext ctx) {
    if (!pass.name().equals("proxy_pass")) {
      return false;
    }
    List<Directive> headers = ctx.effectiveArray(pass, "proxy_set_header");
    // one answer per header list: passes that inherit one list share it
    return !headers.isEmpty() && ctx.perDirective(ONLY, headers.get(0), first -> upgradesAlways(headers));
  }

  private static boolean upgradesAlways(List<Directive> headers) {
    boolean upgrade = false;
    boolean connection = false;
    for (Directive h : headers) {
      if (h.argCount() < 2) {
        continue;
      }
      String name = h.arg(0);
      String value = h.arg(1).trim();
      if (name.equalsIgnoreCase("upgrade") && value.equalsIgnoreCase("$http_upgrade")) {
        upgrade = true;
      } else if (name.equalsIgnoreCase("connection")) {
        // the last Connection line is what nginx sends (each line adds a header; a second one
        // would make the request odd anyway): take any literal upgrade
        connection = value.equalsIgnoreCase("upgrade");
      }
    }
    return upgrade && connection;
  }

  /** A `map $http_upgrade $x { ... }` block. */
  public static boolean isUpgradeMap(Directive def) {
    return def.name().equals("map") && def.hasBlock() && def.argCount() == 2
        && def.arg(0).toLowerCase(Locale.ROOT).equals("$http_upgrade");
  }

  /** "$name" or "${name}" → name; anything else (text around it, two variables) → null. */
  public static String soleVariable(String value) {
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
