package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.Levels;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.Upstreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A proxy_pass to an upstream group while HTTP/1.0 is in effect (explicit, or the default
 * before nginx 1.29.7): nginx closes every upstream connection, so keepalive never works.
 */
@Rule(id = "proxy-http-version", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class ProxyHttpVersion implements DirectiveRule {

  /** Unread include names that set the version in practice (proxy.conf, proxy_params). */
  private static final String[] VERSION_TOPICS = {"proxy", "http_version", "keepalive", "upstream"};

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    String why = why(pass, ctx);
    if (why == null) {
      return;
    }
    Directive group = PassTarget.firstUpstream(pass, ctx);
    ctx.report(this, pass, "proxy_pass to upstream \"" + group.arg(0) + "\" uses HTTP/1.0 (" + why
        + "): upstream keepalive never works; set proxy_http_version 1.1", fix(pass, ctx));
  }

  /** Why the proxy_pass talks HTTP/1.0 to an upstream group with a connection cache, or null. */
  static String why(Directive pass, RuleContext ctx) {
    // stream proxy_pass is plain TCP: there is no HTTP version
    if (!ctx.isHttpContext(pass)) {
      return null;
    }
    // implicit upstreams (address, unix:, a host only known at run time) never reuse connections anyway
    Directive group = PassTarget.firstUpstream(pass, ctx);
    if (group == null) {
      return null;
    }
    // "keepalive 0" switches the connection cache off: the version cannot cost anything
    if (Upstreams.keepaliveOff(group, ctx)) {
      return null;
    }
    Directive version = ctx.effective(pass, "proxy_http_version");
    Directive unread = UnreadIncludes.nearest(pass, version == null ? null : version.parent(), ctx, VERSION_TOPICS);
    // an unread include nearer than the value found, named for proxy settings (proxy.conf,
    // proxy_params), sets the version in practice; any other one is named in the message
    if (UnreadIncludes.namedFor(unread, VERSION_TOPICS)) {
      return null;
    }
    if (version == null) {
      // from 1.29.7 the built-in default is 1.1
      if (ctx.keepaliveDefaults()) {
        return null;
      }
      return "proxy_http_version is not set and defaults to 1.0 before nginx 1.29.7"
          + UnreadIncludes.caveat(unread, "it");
    }
    // 1.1 and 2 both keep connections open
    if (!"1.0".equals(version.arg(0))) {
      return null;
    }
    return "proxy_http_version 1.0 is in effect" + UnreadIncludes.caveat(unread, "another version");
  }

  /**
   * 1.1 for the location holding the pass (the enclosing one for a pass in `if` or
   * limit_except, where the directive is not allowed): a 1.0 written there becomes 1.1 (unsafe);
   * otherwise a new line goes in next to the location's other proxy_* lines (safe when nothing
   * sets a version, unsafe when it overrides an inherited 1.0). Several passes in one location
   * share one line, worked out from the first reported one: every finding carries it (the fix
   * loop makes an identical edit once).
   */
  private static Fix fix(Directive pass, RuleContext ctx) {
    Directive loc = Levels.locationOf(pass);
    if (loc == null) {
      return null;
    }
    List<Directive> here = ctx.childrenNamed(loc, "proxy_http_version");
    if (!here.isEmpty()) {
      Directive v = here.get(here.size() - 1);
      // a line from a shared included file would change every place that includes it
      if (here.size() != 1 || v.argCount() != 1 || Levels.holderAt(v, loc) != v) {
        return null;
      }
      return Fix.unsafe("set proxy_http_version 1.1 (it was 1.0 on purpose?)",
          List.of(Edits.replaceArg(v, v.args().get(0), "1.1")));
    }
    // the location's first reported pass decides, whichever finding asks: one edit for all
    Directive first = null;
    for (Directive p : passesIn(loc)) {
      if (why(p, ctx) != null) {
        first = p;
        break;
      }
    }
    if (first == null) {
      return null;
    }
    Directive inherited = ctx.effective(first, "proxy_http_version");
    if (inherited != null && inherited.argCount() == 1 && Levels.holderAt(inherited, inherited.parent()) == inherited
        && UnreadIncludes.nearest(first, inherited.parent(), ctx) == null) {
      // the author's 1.0 at an outer level is the problem: edit it where it is written (every
      // finding inheriting it carries the same edit, made once), never shadow it below
      return Fix.unsafe("set proxy_http_version 1.1 where it is written (" + levelName(inherited.parent())
          + "; every location inheriting it gets 1.1)",
          List.of(Edits.replaceArg(inherited, inherited.args().get(0), "1.1")));
    }
    if (inherited != null) {
      // the author's 1.0 comes from a shared included file (editing it changes every place
      // including it) or an unread include stands in between: a line in the location would
      // only shadow the author's value, so a person decides where to change it
      return Fix.displayOnly("set proxy_http_version 1.1 where the inherited 1.0 is written ("
          + levelName(inherited.parent()) + "); a line in the location would override the author's value", List.of());
    }
    TextEdit e = insertNearProxy(loc, "proxy_http_version 1.1;");
    if (e == null) {
      return null;
    }
    Directive unread = UnreadIncludes.nearest(first, null, ctx);
    if (unread != null) {
      // the unread include may set a version the author chose: overriding it is a decision
      return Fix.unsafe("add proxy_http_version 1.1 to the location (\"" + unread.arg(0)
          + "\" was not read and may set it)", List.of(e));
    }
    return Fix.safe("add proxy_http_version 1.1 to the location", List.of(e));
  }

  private static String levelName(Directive level) {
    return level == null ? "main level" : level.name() + " level";
  }

  /** The proxy_pass lines of a location in reading order: its own and those in its `if` / limit_except blocks. */
  private static List<Directive> passesIn(Directive location) {
    List<Directive> out = new ArrayList<>();
    for (Directive d : location.block()) {
      if (d.name().equals("proxy_pass")) {
        out.add(d);
      } else if ((d.name().equals("if") || d.name().equals("limit_except")) && d.hasBlock()) {
        for (Directive k : d.block()) {
          if (k.name().equals("proxy_pass")) {
            out.add(k);
          }
        }
      }
    }
    return out;
  }

  /**
   * Inserts {@code text} on its own line before the first proxy_* line of the block (or the
   * `if` / limit_except / include that holds one), written in the block's file; null if none.
   */
  private static TextEdit insertNearProxy(Directive block, String text) {
    Directive anchor = firstProxyChild(block);
    return anchor == null ? null : Edits.insertBefore(anchor, text);
  }

  private static Directive firstProxyChild(Directive block) {
    List<Directive> kids = block.block();
    for (int i = 0; i < kids.size(); i++) {
      Directive c = kids.get(i);
      if (c.file() != block.file() || c.includedBy() != null) {
        continue;
      }
      if (mentionsProxy(c)) {
        return c;
      }
      if (c.name().equals("include")) {
        for (int j = i + 1; j < kids.size() && kids.get(j).file() != block.file(); j++) {
          if (kids.get(j).name().startsWith("proxy_")) {
            return c;
          }
        }
      }
    }
    return null;
  }

  private static boolean mentionsProxy(Directive c) {
    if (c.name().startsWith("proxy_")) {
      return true;
    }
    if ((c.name().equals("if") || c.name().equals("limit_except")) && c.hasBlock()) {
      for (Directive k : c.block()) {
        if (k.name().startsWith("proxy_")) {
          return true;
        }
      }
    }
    return false;
  }
}
