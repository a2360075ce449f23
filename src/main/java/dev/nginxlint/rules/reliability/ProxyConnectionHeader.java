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
import dev.nginxlint.rules.support.WebSocket;
import java.util.List;
import java.util.Set;

/**
 * Requests to an upstream group that carry "Connection: close": nginx's own default before
 * 1.29.7 when the effective proxy_set_header list has no Connection, a constant close, or the
 * WebSocket map's '' close. The backend then closes every connection: keepalive never works.
 */
@Rule(id = "proxy-connection-header", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class ProxyConnectionHeader implements DirectiveRule {

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass");
  }

  /** Unread include names that set the headers in practice (proxy.conf, websocket.conf). */
  private static final String[] HEADER_TOPICS = {"proxy", "header", "upgrade", "websocket", "keepalive", "connection"};

  private static final String LINE = "proxy_set_header Connection \"\";";

  @Override
  public void check(Directive pass, RuleContext ctx) {
    Directive group = groupOf(pass, ctx);
    if (group == null) {
      return;
    }
    // proxy_set_header is not allowed in "if": the list starts at the enclosing level anyway
    List<Directive> headers = ctx.effectiveArray(pass, "proxy_set_header");
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
              + " proxy_set_header Connection \"\""
              + UnreadIncludes.caveat(unreadHeaders(pass, ctx), "other headers"),
              Fix.unsafe("replace the explicit Connection close with \"\"",
                  List.of(Edits.replaceArg(h, h.args().get(1), "\"\""))));
        }
        continue;
      }
      Directive entry = closeEntryOfUpgradeMap(value, ctx);
      if (entry != null) {
        Directive map = entry.parent();
        ctx.report(this, entry.file(), entry.headSpan(), "map " + map.arg(1)
            + " yields \"close\" when $http_upgrade is empty, so every plain request sends"
            + " \"Connection: close\" to an upstream group and keepalive never works; map '' to \"\"",
            mapFix(entry));
      }
    }
    if (anyConnection || !missing(pass, ctx)) {
      return;
    }
    ctx.report(this, pass, "proxy_pass to upstream \"" + group.arg(0)
        + "\" sends nginx's default \"Connection: close\" (no proxy_set_header Connection in effect"
        + " before nginx 1.29.7): upstream keepalive never works; add proxy_set_header Connection \"\""
        + UnreadIncludes.caveat(unreadHeaders(pass, ctx), "one"), missingFix(pass, ctx));
  }

  /** The upstream group (with a connection cache) an http proxy_pass reaches, or null. */
  private static Directive groupOf(Directive pass, RuleContext ctx) {
    // asked by check, by missing and by the fix of every pass sharing a level
    return ctx.perDirective(GROUP, pass, p -> groupNow(p, ctx));
  }

  private static final Object GROUP = new Object();

  private static Directive groupNow(Directive pass, RuleContext ctx) {
    // stream proxy_pass is plain TCP: no HTTP headers
    if (!ctx.isHttpContext(pass)) {
      return null;
    }
    // implicit upstreams (address, unix:, a host only known at run time) have no connection cache to defeat
    Directive group = PassTarget.firstUpstream(pass, ctx);
    // "keepalive 0": no connection cache either
    if (group == null || Upstreams.keepaliveOff(group, ctx)) {
      return null;
    }
    // an unread include up to the level of the list, named for proxy settings (proxy.conf,
    // proxy_params, websocket.conf), holds the headers in practice; another one is named in the message
    if (UnreadIncludes.namedFor(unreadHeaders(pass, ctx), HEADER_TOPICS)) {
      return null;
    }
    return group;
  }

  /** The nearest include, up to the level of the header list in effect, that was not read. */
  private static Directive unreadHeaders(Directive pass, RuleContext ctx) {
    List<Directive> headers = ctx.effectiveArray(pass, "proxy_set_header");
    Directive listLevel = headers.isEmpty() ? null : headers.get(0).parent();
    return UnreadIncludes.nearest(pass, listLevel == null ? null : listLevel.parent(), ctx, HEADER_TOPICS);
  }

  /** True when nginx adds its own "Connection: close" for this pass (no Connection in the list). */
  private static boolean missing(Directive pass, RuleContext ctx) {
    if (groupOf(pass, ctx) == null) {
      return false;
    }
    for (Directive h : ctx.effectiveArray(pass, "proxy_set_header")) {
      if (h.argCount() >= 2 && "connection".equalsIgnoreCase(h.arg(0))) {
        return false;
      }
    }
    // before 1.29.7 nginx adds its own "Connection: close" when the list has none
    if (ctx.keepaliveDefaults()) {
      return false;
    }
    // HTTP/2 to the backend (1.29.4+) sends no Connection header at all
    Directive version = ctx.effective(pass, "proxy_http_version");
    return version == null || !"2".equals(version.arg(0));
  }

  /**
   * Where the missing line goes without losing an inherited header: the level whose list is in
   * effect (the location's own, or the server / http / outer location it inherits from), or the
   * location when no level sets any header. Never `if`.
   */
  private static Directive target(Directive pass, RuleContext ctx) {
    Directive loc = Levels.locationOf(pass);
    if (loc == null) {
      return null;
    }
    if (ctx.effectiveArray(pass, "proxy_set_header").isEmpty()) {
      return loc;
    }
    // the if/limit_except levels hold no proxy_set_header, so this is location or above
    Directive level = ctx.arrayLevel(loc, "proxy_set_header");
    return level == null ? null : level;
  }

  /**
   * Safe: adds the line at {@link #target}. Several passes that share a target share one line,
   * worked out from the first reported one (in reading order): every finding carries it (the
   * fix loop makes an identical edit once).
   */
  private static Fix missingFix(Directive pass, RuleContext ctx) {
    Directive level = target(pass, ctx);
    if (level == null) {
      return null;
    }
    // the first reported pass with this target decides, whichever finding asks: one edit for all
    Directive first = firstMissing(level, level, ctx);
    if (first == null) {
      return null;
    }
    List<Directive> own = ctx.childrenNamed(level, "proxy_set_header");
    TextEdit edit;
    String title;
    if (!own.isEmpty()) {
      Directive after = Levels.holderAt(own.get(own.size() - 1), level);
      if (after == null) {
        return null;
      }
      edit = Edits.insertAfter(after, LINE);
      title = level == Levels.locationOf(first)
          ? "add proxy_set_header Connection \"\" to the location's header list"
          : "add proxy_set_header Connection \"\" to the " + level.name()
              + "-level header list the location inherits (every location inheriting it gets it)";
    } else {
      List<Directive> version = ctx.childrenNamed(level, "proxy_http_version");
      Directive after = version.isEmpty() ? null : Levels.holderAt(version.get(version.size() - 1), level);
      if (after != null) {
        edit = Edits.insertAfter(after, LINE);
      } else {
        Directive before = Levels.holderAt(first, level);
        if (before == null) {
          return null;
        }
        // after a proxy_http_version another fix puts before the same line in this round
        edit = Edits.insertBeforeLast(before, LINE);
      }
      title = "add proxy_set_header Connection \"\" to the location";
    }
    Directive unread = unreadHeaders(first, ctx);
    // the unread include may set its own Connection header: two would both be sent
    return unread == null ? Fix.safe(title, List.of(edit))
        : Fix.unsafe(title + " (\"" + unread.arg(0) + "\" was not read and may set one)", List.of(edit));
  }

  /** The first proxy_pass under {@code scope}, in reading order, reported as missing with that target. */
  private static Directive firstMissing(Directive scope, Directive level, RuleContext ctx) {
    for (Directive d : scope.block()) {
      if (d.name().equals("proxy_pass") && missing(d, ctx) && target(d, ctx) == level) {
        return d;
      }
      if (d.hasBlock() && !d.isDataBlock()) {
        Directive found = firstMissing(d, level, ctx);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Safe: '' close becomes '' ""; a map whose default gives close gets a '' "" entry. */
  private static Fix mapFix(Directive entry) {
    if (!entry.name().equals("default")) {
      return Fix.safe("map '' to \"\" (no Connection header for plain requests)",
          List.of(Edits.replaceArg(entry, entry.args().get(0), "\"\"")));
    }
    Directive map = entry.parent();
    // keep the entries' values in one column when they are
    int column = -1;
    for (Directive e : map.block()) {
      if (e.file() != map.file() || e.argCount() != 1) {
        continue;
      }
      int c = e.args().get(0).span().column() - e.nameSpan().column();
      column = column == -1 || column == c ? c : -2;
    }
    String key = "''";
    if (column > key.length()) {
      key = key + " ".repeat(column - key.length());
    } else {
      key = key + " ";
    }
    return Fix.safe("add '' \"\" to the map (no Connection header for plain requests)",
        List.of(Edits.insertAtEnd(map, key + "\"\";")));
  }

  /**
   * For a header value that is just a variable defined by a map on $http_upgrade: the map entry
   * that yields "close" for an empty $http_upgrade ('' close, or default close without ''), or null.
   */
  static Directive closeEntryOfUpgradeMap(String value, RuleContext ctx) {
    String var = WebSocket.soleVariable(value);
    if (var == null) {
      return null;
    }
    for (Directive def : ctx.variableDefinitions(var)) {
      // only the WebSocket map keyed on $http_upgrade is understood here
      if (!WebSocket.isUpgradeMap(def)) {
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
}
