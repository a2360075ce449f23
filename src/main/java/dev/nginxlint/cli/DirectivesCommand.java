package dev.nginxlint.cli;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "directives", mixinStandardHelpOptions = true,
    description = "Print what stock nginx declares for a directive: module, contexts, arguments, block, versions, docs.")
final class DirectivesCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Directive name, e.g. proxy_pass.")
  String name;

  private final Io io;

  DirectivesCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<DirectiveSpec> rows = DirectiveTable.get().lookup(name);
    if (rows.isEmpty()) {
      throw new UserError("stock nginx has no directive \"" + name + "\"");
    }
    for (DirectiveSpec s : rows) {
      var out = io.out();
      out.println(s.name() + " (" + s.module() + ", " + s.family() + ")");
      out.println("  contexts:  " + String.join(", ", new TreeSet<>(s.contexts())));
      out.println("  arguments: " + s.argsMask() + " (" + s.minArgs() + ".."
          + (s.maxArgs() < 0 ? "any" : String.valueOf(s.maxArgs())) + ")");
      out.println("  block:     " + (s.block() ? "yes" + (s.opens().isEmpty() ? "" : ", opens " + s.opens()) : "no"));
      out.println("  since:     " + s.since() + (s.removed() ? ", removed in " + s.removedIn() : ""));
      out.println("  build:     " + s.build());
      out.println("  docs:      " + docLink(s));
      out.println();
    }
    io.out().flush();
    return ExitCodes.CLEAN;
  }

  /** nginx.org page of the directive. */
  static String docLink(DirectiveSpec s) {
    return s.docsUrl();
  }

}
