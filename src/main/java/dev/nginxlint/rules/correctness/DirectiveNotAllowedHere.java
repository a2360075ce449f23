package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;

/** A directive in a context none of its rows accepts: `"X" directive is not allowed here`. */
@Rule(id = "directive-not-allowed-here", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class DirectiveNotAllowedHere implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Checks.eachRejected(tree, ctx, (d, where, verdict) -> {
      if (verdict.verdict() != DirectiveCheck.Verdict.NOT_ALLOWED) {
        return;
      }
      ctx.report(this, d, "\"" + d.name() + "\" directive is not allowed here (in " + where
          + "; allowed in " + Checks.allowedContexts(d.name(), ctx.version()) + ")"
          + DirectiveCheck.newerHint(d, where, ctx.version()));
    });
  }
}
