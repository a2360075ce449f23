package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;

/**
 * A block directive ended by ';' (`directive "X" has no opening "{"`) or a simple directive
 * followed by a block (`directive "X" is not terminated by ";"`).
 */
@Rule(id = "block-mismatch", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class BlockMismatch implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Checks.eachRejected(tree, ctx, (d, where, verdict) -> {
      switch (verdict.verdict()) {
        case NO_OPENING -> ctx.report(this, d, "directive \"" + d.name() + "\" has no opening \"{\"");
        case NOT_TERMINATED -> ctx.report(this, d, "directive \"" + d.name()
            + "\" is not terminated by \";\" (it takes no block)");
        default -> { }
      }
    });
  }
}
