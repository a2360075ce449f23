package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.report.ParseJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "parse", description = "Print the parsed tree (crossplane-like JSON).",
    mixinStandardHelpOptions = true)
final class ParseCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Config files or directories; - for stdin.")
  List<String> paths;

  @Option(names = "--json", description = "JSON output (the only format for now).", defaultValue = "true")
  boolean json;

  @Option(names = "--prefix", paramLabel = "FROM=TO", description = "Read absolute paths under FROM from TO.")
  List<String> prefixes = new java.util.ArrayList<>();

  private final Io io;

  ParseCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PrefixMap map = new PrefixMap();
    for (String p : prefixes) {
      try {
        map.add(PrefixMap.parse(p));
      } catch (IllegalArgumentException e) {
        throw new UserError("--prefix: " + e.getMessage());
      }
    }
    ConfigSet set = Inputs.load(io, paths, null, map);
    io.out().println(ParseJson.render(set));
    io.out().flush();
    boolean failed = false;
    for (Diagnostic d : set.diagnostics()) {
      failed |= d.rule().equals(Diagnostic.SYNTAX_ERROR);
    }
    for (ConfigTree t : set.trees()) {
      failed |= t.hasSyntaxErrors();
    }
    return failed ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
  }
}
