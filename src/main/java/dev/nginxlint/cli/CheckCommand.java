package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.report.ConciseReporter;
import dev.nginxlint.report.FullReporter;
import dev.nginxlint.report.JsonReporter;
import dev.nginxlint.report.Reporter;
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
      description = "full (default on a terminal), concise (default otherwise), json.")
  String format;

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
    reporter().write(result, io.out());
    io.out().flush();
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

  private Reporter reporter() {
    String f = format != null ? format : System.console() != null ? "full" : "concise";
    return switch (f) {
      case "full" -> new FullReporter();
      case "concise" -> new ConciseReporter();
      case "json" -> new JsonReporter();
      default -> throw new UserError("--output-format: unknown format \"" + f + "\" (full, concise, json)");
    };
  }
}
