package dev.nginxlint.cli;

import dev.nginxlint.lint.LintRule;
import dev.nginxlint.rules.RuleDocs;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.RuleOptions;
import dev.nginxlint.rules.RuleRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rule", description = "Print a rule's documentation.", mixinStandardHelpOptions = true)
final class RuleCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RULE", description = "Rule id, e.g. upstream-keepalive.")
  String id;

  private final Io io;

  RuleCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    String doc = RuleDocs.read(id);
    if (doc == null) {
      throw new UserError("unknown rule \"" + id + "\"" + dev.nginxlint.lint.DidYouMean.of(id, RuleRegistry.ids())
          + " (see `nginx-lint rules`)");
    }
    io.out().print(doc);
    LintRule rule = RuleRegistry.byId(id);
    List<RuleOption> options = rule == null ? List.of() : RuleOptions.of(rule);
    if (!options.isEmpty()) {
      // from the rule's own declaration, which --rule-option and .nginx-lint.yml are checked against
      io.out().println();
      io.out().println("## Declared options");
      io.out().println();
      for (RuleOption o : options) {
        io.out().println("- `" + o.name() + "` (" + o.type().name().toLowerCase(java.util.Locale.ROOT)
            + ", default " + (o.defaultValue().isEmpty() ? "unset" : "`" + o.defaultValue() + "`")
            + range(o)
            + "): " + o.description() + " — `--rule-option " + id + "." + o.name() + "=VALUE`");
      }
    }
    io.out().flush();
    return ExitCodes.CLEAN;
  }

  /** ", at least 1", ", from 1s to 600s" or nothing, as the declaration bounds the value. */
  private static String range(RuleOption o) {
    String unit = o.type() == RuleOption.Type.DURATION ? "s" : "";
    boolean hasMax = o.max() != Long.MAX_VALUE;
    if (o.min() > 0 && hasMax) {
      return ", from " + o.min() + unit + " to " + o.max() + unit;
    }
    return o.min() > 0 ? ", at least " + o.min() + unit : hasMax ? ", at most " + o.max() + unit : "";
  }
}
