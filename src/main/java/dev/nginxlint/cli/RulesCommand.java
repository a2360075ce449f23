package dev.nginxlint.cli;

import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.rules.RuleRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "rules", description = "List every rule.", mixinStandardHelpOptions = true)
final class RulesCommand implements Callable<Integer> {
  private final Io io;

  RulesCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    io.out().printf("%-32s %-13s %-8s %s%n", "RULE", "CATEGORY", "SEVERITY", "FIX");
    for (LintRule r : RuleRegistry.all()) {
      Rule m = r.meta();
      io.out().printf("%-32s %-13s %-8s %s%n", m.id(), m.category().label(), m.severity().label(),
          m.fix().name().toLowerCase(java.util.Locale.ROOT));
    }
    io.out().flush();
    return ExitCodes.CLEAN;
  }
}
