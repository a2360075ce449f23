package dev.nginxlint.fix;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.List;
import java.util.Set;

/** A test-only rule with a fix: an upstream without keepalive gets `keepalive 32;` at its end. */
@Rule(id = "test-add-keepalive", category = Category.RELIABILITY, fix = FixAvailability.ALWAYS)
final class AddKeepaliveTestRule implements DirectiveRule {
  @Override
  public Set<String> directives() {
    return Set.of("upstream");
  }

  @Override
  public void check(Directive d, RuleContext ctx) {
    if (d.child("keepalive") != null) {
      return; // already has one
    }
    ctx.report(this, d, "no keepalive", Fix.safe("add keepalive 32", List.of(Edits.insertAtEnd(d, "keepalive 32;"))));
  }
}
