package dev.nginxlint.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of `check`, which `fix` takes too (as a picocli mixin of both commands). */
final class CheckOptions {

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Files or directories to check; - reads stdin (a file, or `nginx -T` output).")
  List<String> paths;

  @Mixin
  CommonOptions common;

  @Option(names = "--output-format", paramLabel = "FORMAT",
      description = "full (default on a terminal), concise (default otherwise), json, json-lines, sarif, "
          + "github, gitlab, checkstyle, junit.")
  String format;

  @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path outputFile;

  @Option(names = "--statistics", description = "Print the number of findings per rule instead of the findings.")
  boolean statistics;

  @Option(names = "--exit-zero", description = "Exit 0 even when findings are reported.")
  boolean exitZero;

  @Option(names = "--stdin-filename", paramLabel = "NAME", description = "How findings name stdin input.")
  String stdinFilename;

  @Option(names = "--fix", description = "Apply safe fixes to the files (in place, or see --output-dir).")
  boolean fix;

  @Option(names = "--unsafe-fixes", description = "Also apply fixes that change behaviour (implies --fix unless --diff).")
  boolean unsafeFixes;

  @Option(names = "--diff", description = "Print the fixes as a unified diff instead of writing; exit 1 if there is one.")
  boolean diff;

  @Option(names = "--write-baseline", paramLabel = "FILE",
      description = "Record today's findings in FILE (JSON, sorted; entries that no longer match are dropped) and exit 0.")
  Path writeBaseline;

  @Option(names = "--force-exclude",
      description = "Skip files named on the command line that match the config file's exclude: globs "
          + "(directory walks always skip them), e.g. for pre-commit.")
  boolean forceExclude;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Write fixed copies of the files read under DIR instead of editing in place.")
  Path outputDir;
}
