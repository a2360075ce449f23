package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.Arg;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.Envsubst;
import dev.nginxlint.model.Quote;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import dev.nginxlint.model.Statement;
import dev.nginxlint.rules.support.Variables;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An nginx variable in a `*.template` that the Docker image's envsubst replaces, because an
 * environment variable of the same name is defined in the container: nginx then gets the
 * environment's value (or nothing) where the author meant `$host`, `$uri`, `$http_proxy`...
 */
@Rule(id = "template-envsubst-swallows-variable", category = Category.CORRECTNESS, severity = Severity.WARNING,
    fix = FixAvailability.NONE)
public final class TemplateEnvsubstSwallowsVariable implements TreeRule {

  /**
   * Environment variables that proxy settings conventionally define in lower case (curl, wget,
   * Docker's daemon and many CI runners pass them on), whose names are also nginx variables:
   * $http_proxy is the request's "Proxy" header (the httpoxy header).
   */
  private static final Set<String> LOWER_CASE_ENV = Set.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy",
      "all_proxy");

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    Set<SourceFile> templates = new HashSet<>();
    for (SourceFile file : tree.files()) {
      if (Envsubst.isTemplate(file) && tree.reports(file)) {
        templates.add(file);
      }
    }
    // most trees hold no template at all
    if (templates.isEmpty()) {
      return;
    }
    Envsubst env = ctx.environment();
    // a file included in two places is two directives over one statement: looked at once
    Set<Statement> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    tree.walk(d -> {
      if (templates.contains(d.file()) && seen.add(d.statement())) {
        checkDirective(d, env, ctx);
      }
    });
  }

  private void checkDirective(Directive d, Envsubst env, RuleContext ctx) {
    for (Arg a : d.args()) {
      // a Lua block is code, not nginx variables
      if (a.quote() == Quote.RAW_BLOCK) {
        continue;
      }
      String raw = a.raw();
      int i = raw.indexOf('$');
      while (i >= 0) {
        int[] ref = Envsubst.reference(raw, i);
        if (ref == null) {
          i = raw.indexOf('$', i + 1);
          continue;
        }
        check(d, a, raw.substring(ref[0], ref[1]), i, ref[2], env, ctx);
        i = raw.indexOf('$', ref[2]);
      }
    }
  }

  private void check(Directive d, Arg a, String name, int from, int to, Envsubst env, RuleContext ctx) {
    // an upper-case name is a placeholder: replacing it is the point of the template
    if (Envsubst.isPlaceholder(name, false)) {
      return;
    }
    // a lower-case name nginx does not know is a placeholder on purpose (unknown-variable's business)
    if (!Variables.isBuiltin(name, ctx.isStreamContext(d)) && ctx.variableDefinitions(name).isEmpty()) {
      return;
    }
    String message;
    if (env.declared()) {
      // the environment given is taken as the container's: only its names are replaced
      if (!env.env().containsKey(name) || !env.substitutes(name)) {
        return;
      }
      message = "envsubst replaces $" + name + " with the environment variable " + name
          + " (defined by --env/--env-file), so nginx never sees its variable $" + name
          + "; rename the environment variable, or set NGINX_ENVSUBST_FILTER to a pattern that only"
          + " the placeholders match";
    } else if (LOWER_CASE_ENV.contains(name)) {
      message = "$" + name + " is an nginx variable, but proxy settings often define an environment"
          + " variable " + name + " in the container, and the image's envsubst then replaces it (nginx"
          + " gets the proxy URL instead); set NGINX_ENVSUBST_FILTER to a pattern that only the"
          + " placeholders match, or give the environment with --env/--env-file";
    } else {
      return;
    }
    ctx.report(this, d.file(), span(d.file(), a, from, to), message, null);
  }

  private static Span span(SourceFile file, Arg a, int from, int to) {
    String raw = a.raw();
    // offsets count bytes: only a pure-ASCII prefix maps one character to one byte
    for (int i = 0; i < to; i++) {
      if (raw.charAt(i) > 0x7f) {
        return a.span();
      }
    }
    return file.lines().span(a.start() + from, a.start() + to);
  }
}
