package dev.nginxlint.lint;

import dev.nginxlint.model.Directive;
import java.util.Set;

/** A rule called for each directive whose name it asks for (data-block entries excluded). */
public interface DirectiveRule extends LintRule {

  Set<String> directives();

  void check(Directive directive, RuleContext ctx);
}
