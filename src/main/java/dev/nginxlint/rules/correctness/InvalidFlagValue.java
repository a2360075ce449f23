package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;

/** An on/off directive with another value: `invalid value "X" in "Y" directive, it must be "on" or "off"`. */
@Rule(id = "invalid-flag-value", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class InvalidFlagValue implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Checks.eachRejected(tree, ctx, (d, where, verdict) -> {
      if (verdict.verdict() != DirectiveCheck.Verdict.FLAG_VALUE) {
        return;
      }
      // a template's ${PLACEHOLDER} with no --env value: the flag is the deployer's to fill in
      if (d.argCount() > 0 && d.file().holdsUnsetPlaceholder(d.args().get(0))) {
        return;
      }
      ctx.report(this, d, "invalid value \"" + d.arg(0) + "\" in \"" + d.name()
          + "\" directive, it must be \"on\" or \"off\"");
    });
  }
}
