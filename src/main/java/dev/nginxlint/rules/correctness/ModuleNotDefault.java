package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxBuild;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A directive of a module the target build lacks (--nginx-build: by default a distribution
 * package build, which has ssl, http_v2, stream... so only the rarer modules get a note), or of
 * a dynamic module the build has but no load_module line loads: nginx -t's "unknown directive".
 * Once per switch and tree, at the first directive needing it.
 */
@RuleOption(name = "built-with", type = RuleOption.Type.LIST, defaultValue = "", description = "configure switches the target has besides --nginx-build, as nginx -V prints them")
@Rule(id = "module-not-default", category = Category.COMPATIBILITY, severity = Severity.INFO,
    fix = FixAvailability.NONE)
public final class ModuleNotDefault implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    NginxBuild build = ctx.build();
    Set<String> seen = new HashSet<>();
    // switches the target build is known to have (option built-with): no note for those
    Set<String> builtWith = new HashSet<>();
    for (String sw : ctx.option(this, "built-with", "").split("[,\\s]+")) {
      if (!sw.isBlank()) {
        builtWith.add(sw.startsWith("--") ? sw : "--" + sw);
      }
    }
    Set<String> loaded = loadedModules(ctx);
    Checks.eachVerdict(tree, ctx, (d, where, r) -> {
      if (r.verdict() != DirectiveCheck.Verdict.OK) {
        return;
      }
      String needs = switches(r.shape().spec().build());
      // a module ./configure builds anyway, or one already noted in this tree
      if (needs == null || !seen.add(needs)) {
        return;
      }
      List<String> missing = new ArrayList<>();
      List<String> notLoaded = new ArrayList<>();
      for (String sw : needs.split("[\\s,+]+")) {
        if (sw.isBlank() || builtWith.contains(sw)) {
          continue;
        }
        if (!build.has(sw)) {
          missing.add(sw);
        } else if (build.dynamic(sw) && !loaded.contains(NginxBuild.moduleFile(sw))) {
          notLoaded.add(sw);
        }
      }
      String module = r.shape().spec().module();
      if (!missing.isEmpty()) {
        ctx.report(this, d, "\"" + d.name() + "\" needs nginx built with " + String.join(" + ", missing)
            + " (" + module + "), which the target build (" + describe(build) + ") does not have:"
            + " nginx -t would say unknown directive");
      } else if (!notLoaded.isEmpty()) {
        ctx.report(this, d, "\"" + d.name() + "\" needs the dynamic module "
            + NginxBuild.moduleFile(notLoaded.get(0)) + ", and no load_module line loads it:"
            + " nginx -t would say unknown directive");
      }
    });
  }

  private static String describe(NginxBuild build) {
    return switch (build.label()) {
      case "package" -> "a distribution package";
      case "minimal" -> "a bare ./configure";
      case "auto" -> "nginx -V on this machine";
      default -> "--nginx-build";
    };
  }

  /** The file names of the modules load_module lines load (modules/ngx_stream_module.so → the name). */
  private static Set<String> loadedModules(RuleContext ctx) {
    Set<String> names = new HashSet<>();
    for (Directive d : ctx.directivesNamed("load_module")) {
      String path = d.arg(0);
      if (path != null) {
        names.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
    return names;
  }

  /** The configure switches a build value asks for, or null for default/historical/OS modules. */
  static String switches(String build) {
    if (build.isEmpty() || build.startsWith("default") || build.startsWith("historical") || build.startsWith("os:")
        || build.startsWith("with OpenSSL") || !build.startsWith("--")) {
      return null;
    }
    int paren = build.indexOf(" (");
    String s = paren < 0 ? build : build.substring(0, paren);
    // "--with-http_v3_module + Linux BPF (auto)": the OS part is configure's own business
    return s.replace(" + Linux BPF", "");
  }
}
