package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A directive repeated in one block where nginx stores a single value and refuses a second one
 * (the table's dup column says `error`): `"X" directive is duplicate`. Array directives
 * (proxy_set_header, add_header...) and custom handlers (listen, server...) are not reported.
 */
@Rule(id = "duplicate-directive", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class DuplicateDirective implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Checks.eachVerdict(tree, ctx, (d, where, r) -> {
      if (!refusesRepeats(r)) {
        return;
      }
      // the directives of this name at this level (includes are already spliced in): almost
      // always just this one
      List<Directive> same = ctx.childrenNamed(d.parent(), d.name());
      if (same.size() < 2) {
        return;
      }
      // the earlier ones nginx took, and this one
      List<Directive> seen = new ArrayList<>();
      for (Directive e : same) {
        if (e == d) {
          break;
        }
        if (refusesRepeats(Checks.verdictOf(e, tree, ctx))) {
          seen.add(e);
        }
      }
      seen.add(d);
      Directive first = earlierClash(d, seen);
      if (first != null) {
        ctx.report(this, d, "\"" + d.name() + "\" directive is duplicate (first set at "
            + first.file().displayName() + ":" + first.span().line() + ")");
      }
    });
  }

  /** A directive nginx took whose table row refuses a second one at the same level. */
  private static boolean refusesRepeats(DirectiveCheck.Result r) {
    return r != null && r.verdict() == DirectiveCheck.Verdict.OK && r.shape().spec().duplicateIsError();
  }

  /** Handlers that keep a list and refuse only some repeats (nginx's own checks, read from the source). */
  private static final Set<String> OFF_CLASH = Set.of(
      "mirror", "proxy_cookie_domain", "proxy_cookie_path", "proxy_cookie_flags", "proxy_redirect");

  /** The earlier directive this repeat clashes with, or null when nginx takes the repeat. */
  private static Directive earlierClash(Directive d, List<Directive> seen) {
    if (seen.size() < 2) {
      return null;
    }
    List<Directive> earlier = seen.subList(0, seen.size() - 1);
    String name = d.name();
    if (OFF_CLASH.contains(name)) {
      // a list of values: only `off` next to other values is refused
      for (Directive e : earlier) {
        if ("off".equals(d.arg(0)) || "off".equals(e.arg(0))) {
          return e;
        }
      }
      return null;
    }
    if (name.equals("limit_conn") || name.equals("limit_req")) {
      // one limit per zone: the same zone twice is refused
      for (Directive e : earlier) {
        String z = zone(e);
        if (z != null && z.equals(zone(d))) {
          return e;
        }
      }
      return null;
    }
    return earlier.get(0);
  }

  private static String zone(Directive d) {
    if (d.name().equals("limit_conn")) {
      return d.arg(0);
    }
    for (var a : d.args()) {
      if (a.value().startsWith("zone=")) {
        return a.value().substring(5);
      }
    }
    return null;
  }
}
