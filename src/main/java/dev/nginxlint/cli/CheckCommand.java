package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.report.Reporter;
import dev.nginxlint.report.Reporters;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = "Check nginx configuration files or directories.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no findings", "1:findings reported", "2:usage, I/O or internal error"})
final class CheckCommand implements Callable<Integer> {

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
  java.nio.file.Path outputFile;

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

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Write fixed copies of the files read under DIR instead of editing in place.")
  java.nio.file.Path outputDir;

  private final Io io;

  CheckCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PrefixMap prefixes = new PrefixMap();
    String first = paths.get(0);
    Settings settings = common.settings(first.equals("-") ? io.cwd() : io.cwd().resolve(first), prefixes);
    Linter linter = new Linter(settings);
    Linter.Result result;
    if (fix || unsafeFixes || diff || outputDir != null) {
      FixRun run = new FixRun(io, paths, prefixes, linter, unsafeFixes, diff, outputDir);
      result = run.execute();
      if (diff) {
        return run.printedDiff() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
      }
    } else {
      ConfigSet set = Inputs.load(io, paths, stdinFilename, prefixes);
      result = linter.run(set);
    }
    report(result);
    if (!result.failures().isEmpty()) {
      for (Linter.RuleFailure f : result.failures()) {
        io.err().println("nginx-lint: internal error in rule " + f.rule() + " at " + f.where() + ": " + f.error());
        if (common.verbose) {
          f.error().printStackTrace(io.err());
        }
      }
      return ExitCodes.ERROR;
    }
    if (!result.findings().isEmpty() && !exitZero) {
      return ExitCodes.FINDINGS;
    }
    return ExitCodes.CLEAN;
  }

  private void report(Linter.Result result) {
    String name = format != null ? format : System.console() != null && outputFile == null ? "full" : "concise";
    Reporter reporter = Reporters.byName(name);
    if (reporter == null) {
      throw new UserError("--output-format: unknown format \"" + name + "\" (" + String.join(", ", Reporters.NAMES) + ")");
    }
    java.io.StringWriter buffer = new java.io.StringWriter();
    java.io.PrintWriter w = new java.io.PrintWriter(buffer);
    if (statistics) {
      java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
      for (var f : result.findings()) {
        counts.merge(f.rule(), 1, Integer::sum);
      }
      counts.forEach((rule, n) -> w.printf("%6d  %s%n", n, rule));
    } else {
      reporter.write(result, w);
    }
    w.flush();
    if (outputFile != null) {
      java.nio.file.Path target = io.cwd().resolve(outputFile);
      try {
        java.nio.file.Files.writeString(target, buffer.toString(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new UserError("cannot write " + outputFile + ": " + e.getMessage());
      }
    } else {
      io.out().print(buffer);
      io.out().flush();
    }
    if (Reporters.isMachine(name) || outputFile != null) {
      int n = result.findings().size();
      io.err().println("nginx-lint: " + n + " finding" + (n == 1 ? "" : "s") + " in " + result.files() + " file"
          + (result.files() == 1 ? "" : "s") + (outputFile != null ? " (report: " + outputFile + ")" : ""));
      io.err().flush();
    }
  }
}
