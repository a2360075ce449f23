package dev.nginxlint.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", description = "Check nginx configuration files or directories.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no findings", "1:findings reported", "2:usage, I/O or internal error"})
final class CheckCommand implements Callable<Integer> {

  @Mixin
  CheckOptions options;

  private final Io io;

  CheckCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return new CheckPipeline(io, options).run();
  }
}
