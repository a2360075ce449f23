package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
import dev.nginxlint.rules.TreeRule;
import java.util.HashSet;
import java.util.Set;

/**
 * A directive of a module that ./configure does not build by default (--with-stream,
 * --with-http_v2_module...): a note, once per switch and tree, at the first directive needing it.
 */
@Rule(id = "module-not-default", category = Category.COMPATIBILITY, severity = Severity.INFO,
    fix = FixAvailability.NONE)
public final class ModuleNotDefault implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Set<String> seen = new HashSet<>();
    // switches the target build is known to have (option built-with): no note for those
    Set<String> built = new HashSet<>();
    for (String sw : ctx.option(this, "built-with", "").split("[,\\s]+")) {
      if (!sw.isBlank()) {
        built.add(sw.startsWith("--") ? sw : "--" + sw);
      }
    }
    Checks.eachVerdict(tree, ctx, (d, where, r) -> {
      if (r.verdict() != DirectiveCheck.Verdict.OK) {
        return;
      }
      String build = switches(r.shape().spec().build());
      if (build == null || built.containsAll(java.util.Arrays.asList(build.split("[\\s,]+"))) || !seen.add(build)) {
        return;
      }
      ctx.report(this, d, "\"" + d.name() + "\" needs nginx built with " + build + " ("
          + r.shape().spec().module() + " is not built by default)");
    });
  }

  /** The configure switches a build value asks for, or null for default/historical/OS modules. */
  static String switches(String build) {
    if (build.isEmpty() || build.startsWith("default") || build.startsWith("historical") || build.startsWith("os:")) {
      return null;
    }
    int paren = build.indexOf(" (");
    return paren < 0 ? build : build.substring(0, paren);
  }
}
