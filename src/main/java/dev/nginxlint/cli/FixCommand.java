package dev.nginxlint.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `nginx-lint fix PATH...`: the short form of `check --fix PATH...` (same options). */
@Command(name = "fix", description = "Apply safe fixes: short for `check --fix` (takes the same options).")
final class FixCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Paths and options, as for check.")
  List<String> args = new ArrayList<>();

  private final Io io;

  FixCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<String> all = new ArrayList<>();
    all.add("check");
    all.add("--fix");
    all.addAll(args);
    return Main.run(io, all.toArray(new String[0]));
  }
}
