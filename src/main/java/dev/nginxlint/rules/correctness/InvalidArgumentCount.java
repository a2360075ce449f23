package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;

/** A directive with an argument count its mask rejects: `invalid number of arguments in "X" directive`. */
@Rule(id = "invalid-argument-count", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class InvalidArgumentCount implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Checks.eachRejected(tree, ctx, (d, where, r) -> {
      if (r.verdict() != DirectiveCheck.Verdict.ARITY) {
        return;
      }
      ctx.report(this, d, "invalid number of arguments in \"" + d.name() + "\" directive ("
          + d.argCount() + " given; it takes " + Checks.describeMask(r.shape().mask()) + ")"
          + DirectiveCheck.newerHint(d, where, ctx.version()));
    });
  }
}
