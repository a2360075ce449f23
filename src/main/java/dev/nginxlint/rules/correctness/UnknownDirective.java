package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.TemplateLines;
import java.util.HashSet;
import java.util.Set;

/**
 * A directive no module of stock nginx declares: nginx -t fails with `unknown directive "X"`.
 * Names of common third-party modules (third-party-directives.txt), of modules the tree loads
 * with load_module, and of the option `extra-directives` are never reported.
 */
@RuleOption(name = "extra-directives", type = RuleOption.Type.LIST, defaultValue = "", description = "more directive names to accept (an in-house module's)")
@Rule(id = "unknown-directive", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class UnknownDirective implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Set<String> extra = new HashSet<>();
    for (String s : ctx.option(this, "extra-directives", "").split(",")) {
      if (!s.isBlank()) {
        extra.add(s.strip());
      }
    }
    Set<String> loaded = ThirdParty.loadedFamilies(ctx);
    ThirdParty known = ThirdParty.get();
    Checks.eachRejected(tree, ctx, (d, where, verdict) -> {
      if (verdict.verdict() != DirectiveCheck.Verdict.UNKNOWN) {
        return;
      }
      String name = d.name();
      if (extra.contains(name) || known.isKnown(name) || ThirdParty.belongsTo(name, loaded)) {
        return;
      }
      // a template line (nginx-tests' %%TEST_GLOBALS%%, an envsubst or Jinja placeholder): the
      // harness or the entrypoint replaces it before nginx reads the file
      if (TemplateLines.isPlaceholderName(name)) {
        return;
      }
      ctx.report(this, d, "unknown directive \"" + name + "\"");
    });
  }
}
