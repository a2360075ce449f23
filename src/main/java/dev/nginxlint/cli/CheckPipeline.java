package dev.nginxlint.cli;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Baseline;
import dev.nginxlint.lint.DidYouMean;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.report.Reporter;
import dev.nginxlint.report.Reporters;
import dev.nginxlint.rules.RuleRegistry;
import java.util.List;

/**
 * What `check` and `fix` do, from parsed options to an exit code: read the inputs, lint them with
 * the registry's rules, apply or print fixes, apply a baseline, report. Both commands call it.
 */
final class CheckPipeline {

  private final Io io;
  private final CheckOptions o;

  CheckPipeline(Io io, CheckOptions options) {
    this.io = io;
    this.o = options;
  }

  /** When work goes to a second thread: decided here, from this machine, for the whole run. */
  private final Parallelism parallelism = Parallelism.fromSystem();

  /** Checks (and fixes, as the options say) and reports: the exit code. */
  int run() {
    // a misspelled format is refused before anything is read or a fix is written
    Reporter reporter = reporter();
    PrefixMap prefixes = new PrefixMap();
    String first = o.paths.get(0);
    Settings settings = o.common.settings(first.equals("-") ? io.cwd() : io.cwd().resolve(first), prefixes);
    Linter linter = new Linter(settings, RuleRegistry.rules()).parallelism(parallelism);
    dev.nginxlint.report.Docs.base(settings.docsUrl());
    List<String> paths = o.forceExclude ? notExcluded(o.paths, settings.excludes()) : o.paths;
    Linter.Result result;
    if (paths.isEmpty()) {
      // every file named is excluded: nothing to check (and nothing to fix)
      result = linter.run(new ConfigSet(List.of(), List.of(), List.of()));
      if (o.diff) {
        return ExitCodes.CLEAN;
      }
    } else if (o.fix || o.unsafeFixes || o.diff || o.outputDir != null) {
      FixRun run = new FixRun(io, paths, prefixes, linter, o.unsafeFixes, o.diff, o.outputDir).parallelism(parallelism)
          .excluding(settings.excludes()).environment(settings.environment()).maxFileSize(settings.maxFileSize());
      result = run.execute();
      if (o.diff) {
        return run.printedDiff() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
      }
    } else {
      long t0 = System.nanoTime();
      ConfigSet set = Inputs.load(io, paths, o.stdinFilename, prefixes, settings.excludes(), settings.environment(),
          settings.maxFileSize(), parallelism);
      long t1 = System.nanoTime();
      result = linter.run(set);
      timing("load " + (t1 - t0) / 1_000_000 + " ms, lint " + (System.nanoTime() - t1) / 1_000_000 + " ms");
    }
    if (o.writeBaseline != null) {
      return writeBaseline(result);
    }
    if (settings.baseline() != null) {
      result = readBaseline(settings.baseline()).apply(result);
    }
    long r0 = System.nanoTime();
    report(reporter, result);
    timing("report " + (System.nanoTime() - r0) / 1_000_000 + " ms");
    if (!result.failures().isEmpty()) {
      for (Linter.RuleFailure f : result.failures()) {
        io.err().println("nginx-lint: internal error in rule " + f.rule() + " at " + f.where() + ": " + f.error());
        if (o.common.verbose) {
          f.error().printStackTrace(io.err());
        }
      }
      return ExitCodes.ERROR;
    }
    if (!o.exitZero && fails(result, settings.failOn())) {
      return ExitCodes.FINDINGS;
    }
    return ExitCodes.CLEAN;
  }

  private Baseline readBaseline(java.nio.file.Path file) {
    java.nio.file.Path p = io.cwd().resolve(file);
    try {
      return Baseline.read(p);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(file + ": no such baseline file (make one with check --write-baseline " + file + ")");
    } catch (java.io.IOException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** Records the run's findings (a rewrite: entries that match nothing any more are gone). */
  private int writeBaseline(Linter.Result result) {
    Baseline b = Baseline.of(result.findings());
    java.nio.file.Path target = io.cwd().resolve(o.writeBaseline);
    try {
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile(target.toAbsolutePath().getParent(), ".baseline", ".tmp");
      java.nio.file.Files.writeString(tmp, b.toJson(), java.nio.charset.StandardCharsets.UTF_8);
      java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      throw new UserError("cannot write " + o.writeBaseline + ": " + e.getMessage());
    }
    io.err().println("nginx-lint: recorded " + b.entries().size() + " finding" + (b.entries().size() == 1 ? "" : "s")
        + " in " + o.writeBaseline);
    return ExitCodes.CLEAN;
  }

  /** Whether a finding at or above the --fail-on level is reported (null: never). */
  private static boolean fails(Linter.Result result, dev.nginxlint.lint.Severity failOn) {
    if (failOn == null) {
      return false;
    }
    for (var f : result.findings()) {
      if (f.severity().compareTo(failOn) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** -Dnginxlint.timing=true (JAVA_OPTS): phase times on stderr, for bench/run's readers. */
  private static final boolean TIMING = Boolean.getBoolean("nginxlint.timing");

  private void timing(String phase) {
    if (TIMING) {
      io.err().println("nginx-lint: timing: " + phase);
    }
  }

  /** The paths without those the excludes match (stdin, "-", is never excluded). */
  private List<String> notExcluded(List<String> given, dev.nginxlint.include.Excludes excludes) {
    List<String> kept = new java.util.ArrayList<>();
    for (String p : given) {
      if (p.equals("-") || !excludes.matches(io.cwd().resolve(p))) {
        kept.add(p);
      }
    }
    return kept;
  }

  private void writeReport(Reporter reporter, Linter.Result result, java.io.PrintWriter w) {
    if (o.statistics) {
      java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
      for (var f : result.findings()) {
        counts.merge(f.rule(), 1, Integer::sum);
      }
      counts.forEach((rule, n) -> w.printf("%6d  %s%n", n, rule));
    } else {
      reporter.write(result, w);
    }
  }

  private String formatName() {
    return o.format != null ? o.format : System.console() != null && o.outputFile == null ? "full" : "concise";
  }

  private Reporter reporter() {
    String name = formatName();
    Reporter reporter = Reporters.byName(name, parallelism);
    if (reporter == null) {
      throw new UserError("--output-format: unknown format \"" + name + "\""
          + dev.nginxlint.lint.DidYouMean.of(name, Reporters.NAMES)
          + " (" + String.join(", ", Reporters.NAMES) + ")");
    }
    return reporter;
  }

  private void report(Reporter reporter, Linter.Result result) {
    String name = formatName();
    if (o.outputFile != null) {
      java.io.StringWriter buffer = new java.io.StringWriter();
      java.io.PrintWriter w = new java.io.PrintWriter(buffer);
      writeReport(reporter, result, w);
      w.flush();
      java.nio.file.Path target = io.cwd().resolve(o.outputFile);
      try {
        java.nio.file.Files.writeString(target, buffer.toString(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new UserError("cannot write " + o.outputFile + ": " + e.getMessage());
      }
    } else {
      // straight to stdout: no copy of the whole report (tens of MB for a big config)
      writeReport(reporter, result, io.out());
      io.out().flush();
    }
    if (Reporters.isMachine(name) || o.outputFile != null) {
      int n = result.findings().size();
      io.err().println("nginx-lint: " + n + " finding" + (n == 1 ? "" : "s") + " in " + result.files() + " file"
          + (result.files() == 1 ? "" : "s") + (o.outputFile != null ? " (report: " + o.outputFile + ")" : ""));
      io.err().flush();
    }
    if (result.baseline() != null && !name.equals("full")) {
      // the full format says it below the report; the others on stderr, beside their summary
      io.err().println("nginx-lint: " + dev.nginxlint.report.FullReporter.baselineNote(result.baseline()));
      io.err().flush();
    }
  }
}
