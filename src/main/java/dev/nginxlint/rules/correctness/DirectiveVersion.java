package dev.nginxlint.rules.correctness;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;

/**
 * A directive the target nginx does not have: it appeared in a later release (`since`) or was
 * removed before it (`removed_in`). nginx -t fails with `unknown directive "X"`.
 */
@Rule(id = "directive-version", category = Category.COMPATIBILITY, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class DirectiveVersion implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    NginxVersion v = ctx.version();
    Checks.eachRejected(tree, ctx, (d, where, verdict) -> {
      if (verdict.verdict() != DirectiveCheck.Verdict.VERSION) {
        return;
      }
      NginxVersion since = null;
      NginxVersion removed = null;
      for (DirectiveSpec s : DirectiveTable.get().lookup(d.name())) {
        NginxVersion from = DirectiveCheck.version(s.since());
        if (v.before(from)) {
          since = since == null || from.before(since) ? from : since;
        } else if (!s.removedIn().isEmpty()) {
          NginxVersion gone = DirectiveCheck.version(s.removedIn());
          removed = removed == null || removed.before(gone) ? gone : removed;
        }
      }
      String why = since != null
          ? "it appeared in nginx " + since + ", the target is " + v
          : "it was removed in nginx " + removed + ", the target is " + v;
      ctx.report(this, d, "unknown directive \"" + d.name() + "\" in nginx " + v + ": " + why);
    });
  }
}
