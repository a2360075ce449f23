package dev.nginxlint.lint;

import dev.nginxlint.model.ConfigTree;

/** A rule called once per analysed tree (for facts about a whole config, e.g. main context). */
public interface TreeRule extends LintRule {

  void check(ConfigTree tree, RuleContext ctx);
}
