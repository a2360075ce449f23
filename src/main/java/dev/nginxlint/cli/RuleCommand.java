package dev.nginxlint.cli;

import dev.nginxlint.rules.RuleDocs;
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
      throw new UserError("unknown rule \"" + id + "\" (see `nginx-lint rules`)");
    }
    io.out().print(doc);
    io.out().flush();
    return ExitCodes.CLEAN;
  }
}
