package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.Numbers;
import dev.nginxlint.rules.support.Levels;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.Upstreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A fastcgi_pass to an upstream with an explicit `keepalive N` while fastcgi_keep_conn is off
 * (the default): the FastCGI server closes each connection, so the cache stays empty.
 */
@Rule(id = "fastcgi-keep-conn", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class FastcgiKeepConn implements DirectiveRule {

  @Override
  public Set<String> directives() {
    return Set.of("fastcgi_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    Directive group = lostCache(pass, ctx);
    if (group == null) {
      return;
    }
    Directive keepalive = ctx.childrenNamed(group, "keepalive").get(0);
    ctx.report(this, pass, "fastcgi_pass to upstream \"" + group.arg(0) + "\" has keepalive "
        + keepalive.arg(0) + " but fastcgi_keep_conn is off: the FastCGI server closes"
        + " every connection, so none is ever reused", fix(pass, ctx));
  }

  /** The upstream whose written keepalive this fastcgi_pass wastes, or null when it wastes none. */
  private static Directive lostCache(Directive pass, RuleContext ctx) {
    // fastcgi_pass exists only in http; stay safe on odd placements
    if (!ctx.isHttpContext(pass)) {
      return null;
    }
    // a literal address or a host only known at run time has no connection cache to lose
    Directive group = PassTarget.firstUpstream(pass, ctx);
    if (group == null) {
      return null;
    }
    List<Directive> keepalive = ctx.childrenNamed(group, "keepalive");
    // only a keepalive line the user wrote shows that reuse was intended (not the 1.29.7 default)
    if (keepalive.isEmpty()) {
      return null;
    }
    // keepalive 0 switches the cache off: nothing is lost
    if (Numbers.atoi(keepalive.get(0).arg(0)) <= 0) {
      return null;
    }
    // fastcgi_keep_conn on (inherited from any level) lets the connection be cached
    if (Upstreams.keepConnOn(pass, ctx)) {
      return null;
    }
    return group;
  }

  /**
   * Unsafe (the FastCGI server keeps processes tied to idle connections): turn
   * fastcgi_keep_conn on in the location holding the pass (the enclosing one for a pass in
   * `if`, where the directive is not allowed). Several passes in one location share one line,
   * before the first of them: every finding carries it (the fix loop makes an identical edit once).
   */
  private static Fix fix(Directive pass, RuleContext ctx) {
    Directive location = pass.parent();
    if (location != null && location.name().equals("if")) {
      location = location.parent();
    }
    if (location == null || !location.name().equals("location") || location.isDataBlock()) {
      return null;
    }
    List<Directive> off = ctx.childrenNamed(location, "fastcgi_keep_conn");
    if (!off.isEmpty()) {
      // change the line nginx reads (the last) instead of adding a duplicate
      Directive last = off.get(off.size() - 1);
      if (off.size() > 1 || last.argCount() != 1) {
        return null;
      }
      return Fix.unsafe("set fastcgi_keep_conn on", List.of(Edits.replaceArg(last, last.args().get(0), "on")));
    }
    Directive inherited = ctx.effective(pass, "fastcgi_keep_conn");
    if (inherited != null) {
      // the author's off at an outer level is the problem: a line in the location would only
      // shadow it, so that line is edited where it is written (every location inheriting it
      // gets on; the findings of all of them carry the same edit, made once)
      String where = inherited.parent() == null ? "main level" : inherited.parent().name() + " level";
      if (inherited.argCount() != 1 || Levels.holderAt(inherited, inherited.parent()) != inherited
          || UnreadIncludes.nearest(pass, inherited.parent(), ctx) != null) {
        // from a shared included file (editing it changes every place including it), or an
        // unread include in between that may set it too: a person decides
        return Fix.displayOnly("set fastcgi_keep_conn on where the inherited off is written (" + where
            + "); a line in the location would override the author's value", List.of());
      }
      return Fix.unsafe("set fastcgi_keep_conn on where it is written (" + where
          + "; every location inheriting it gets on)",
          List.of(Edits.replaceArg(inherited, inherited.args().get(0), "on")));
    }
    // the first reported pass of this location, and the child of the location that holds it:
    // the same place whichever finding asks
    Directive first = null;
    for (Directive p : passesIn(location)) {
      if (lostCache(p, ctx) != null) {
        first = p;
        break;
      }
    }
    if (first == null) {
      return null;
    }
    Directive holder = first.parent() == location ? first : first.parent();
    // a line read from an included file: add ours in the location's own file, before the include
    if (holder.includedBy() != null) {
      holder = holder.includedBy();
    }
    if (holder.file() != location.file() || holder.includedBy() != null) {
      return null;
    }
    return Fix.unsafe("add fastcgi_keep_conn on", List.of(Edits.insertBefore(holder, "fastcgi_keep_conn on;")));
  }

  /** The fastcgi_pass lines of a location, in reading order: its own and those in its `if` blocks. */
  private static List<Directive> passesIn(Directive location) {
    List<Directive> out = new ArrayList<>();
    for (Directive d : location.block()) {
      if (d.name().equals("fastcgi_pass")) {
        out.add(d);
      } else if (d.name().equals("if") && d.hasBlock()) {
        for (Directive k : d.block()) {
          if (k.name().equals("fastcgi_pass")) {
            out.add(k);
          }
        }
      }
    }
    return out;
  }
}
