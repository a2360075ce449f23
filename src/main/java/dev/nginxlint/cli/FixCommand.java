package dev.nginxlint.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `nginx-lint fix PATH...`: the short form of `check --fix PATH...` (same options, same pipeline). */
@Command(name = "fix", description = "Apply safe fixes: short for `check --fix` (takes the same options).",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no findings left", "1:findings remain (or a diff printed)", "2:usage, I/O or internal error"})
final class FixCommand implements Callable<Integer> {

  @Mixin
  CheckOptions options;

  private final Io io;

  FixCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    options.fix = true;
    return new CheckPipeline(io, options).run();
  }
}
