package dev.nginxlint.fix;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.List;
import java.util.Set;

/** A test-only rule whose fix leaves an unbalanced brace: the applier must refuse it. */
@Rule(id = "test-breaking-fix", category = Category.RELIABILITY, fix = FixAvailability.ALWAYS)
final class BreakingTestRule implements DirectiveRule {
  @Override
  public Set<String> directives() {
    return Set.of("upstream");
  }

  @Override
  public void check(Directive d, RuleContext ctx) {
    ctx.report(this, d, "broken", Fix.safe("break it", List.of(Edits.insertAtEnd(d, "oops {"))));
  }
}
