package dev.nginxlint.rules.reliability;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.DirectiveRule;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import dev.nginxlint.rules.support.PassTarget;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A proxy_pass to an upstream group while HTTP/1.0 is in effect (explicit, or the default
 * before nginx 1.29.7): nginx closes every upstream connection, so keepalive never works.
 */
@Rule(id = "proxy-http-version", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class ProxyHttpVersion implements DirectiveRule {

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    // stream proxy_pass is plain TCP: there is no HTTP version
    if (!ctx.isHttpContext(pass)) {
      return;
    }
    PassTarget target = PassTarget.of(pass);
    // implicit upstreams (address, unix:, variable host) never reuse connections anyway
    Directive group = target == null ? null : target.upstream(ctx);
    if (group == null) {
      return;
    }
    // "keepalive 0" switches the connection cache off: the version cannot cost anything
    if (keepaliveOff(group, ctx)) {
      return;
    }
    Directive version = ctx.effective(pass, "proxy_http_version");
    // an include that could not be read, nearer than the value found, may set another version
    if (unreadIncludeOnPath(pass, version == null ? null : version.parent(), ctx)) {
      return;
    }
    String why;
    if (version == null) {
      // from 1.29.7 the built-in default is 1.1
      if (ctx.keepaliveDefaults()) {
        return;
      }
      why = "proxy_http_version is not set and defaults to 1.0 before nginx 1.29.7";
    } else {
      // 1.1 and 2 both keep connections open
      if (!"1.0".equals(version.arg(0))) {
        return;
      }
      why = "proxy_http_version 1.0 is in effect";
    }
    ctx.report(this, pass, "proxy_pass to upstream \"" + group.arg(0) + "\" uses HTTP/1.0 (" + why
        + "): upstream keepalive never works; set proxy_http_version 1.1");
  }

  /** Blocks (and trees, for the top level) → whether an include there brought in nothing. */
  private static final Map<Object, Boolean> UNREAD = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * True when a level from {@code at}'s block up to, not including, {@code stop} (null: up to
   * and including the top) holds an include that brought in nothing (file not found, outside
   * the checked tree). Such an include may set what a rule finds missing or overrides.
   */
  static boolean unreadIncludeOnPath(Directive at, Directive stop, RuleContext ctx) {
    for (Directive level = at.parent(); ; level = level.parent()) {
      if (stop != null && level == stop) {
        return false;
      }
      Directive block = level;
      Object key = block == null ? ctx.tree() : block;
      Boolean unread = UNREAD.get(key);
      if (unread == null) {
        unread = false;
        List<Directive> kids = block == null ? ctx.tree().directives() : block.block();
        for (int i = 0; kids != null && i < kids.size(); i++) {
          Directive d = kids.get(i);
          // included directives follow their include directly in the block
          if (d.name().equals("include") && !d.hasBlock()
              && (i + 1 == kids.size() || kids.get(i + 1).includedBy() != d)) {
            unread = true;
            break;
          }
        }
        UNREAD.put(key, unread);
      }
      if (unread) {
        return true;
      }
      if (level == null) {
        return false;
      }
    }
  }

  static boolean keepaliveOff(Directive group, RuleContext ctx) {
    List<Directive> keepalive = ctx.childrenNamed(group, "keepalive");
    return !keepalive.isEmpty() && "0".equals(keepalive.get(keepalive.size() - 1).arg(0));
  }
}
