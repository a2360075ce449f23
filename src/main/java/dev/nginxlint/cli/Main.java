package dev.nginxlint.cli;

import dev.nginxlint.Version;
import dev.nginxlint.exec.Threads;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "nginx-lint", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Finds and fixes the nginx configuration causes of 502 Bad Gateway under load.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no findings", "1:findings reported (or a diff printed)", "2:usage, I/O or internal error"})
public final class Main implements Runnable {

  /** Deeply nested configs must not overflow the stack: the work runs on a thread with a big one. */
  private static final long STACK_BYTES = 1L << 30;

  private final Io io;

  Main(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    io.err().println("nginx-lint: a command is required (check, parse, rules, rule, triage, server); see --help");
    io.err().flush();
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    FileSystem fs = FileSystems.getDefault();
    Io io = new Io(out, err, System.in, fs, fs.getPath("").toAbsolutePath(), System.out);
    int[] code = {ExitCodes.ERROR};
    if (args.length > 0 && (args[0].equals("check") || args[0].equals("fix"))) {
      warmUp();
    }
    try {
      Threads.runWithStack("nginx-lint", STACK_BYTES, () -> code[0] = run(io, args));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
    err.flush();
    System.exit(code[0]);
  }

  /**
   * Start-up overlap (2+ cores): while the worker builds the command line model, a daemon thread
   * loads what every check needs anyway (the directive tables, the rules and their annotations,
   * the lexer's tables); plain `check` lines do not build picocli's model at all.
   * Static initialisation is thread-safe and these are pure, so the result cannot differ; a
   * failure here is ignored (the worker meets it again and reports it).
   */
  private static void warmUp() {
    Threads.startDaemon("nginx-lint-warm-up", () -> {
      try {
        dev.nginxlint.directives.DirectiveTable.get();
        dev.nginxlint.rules.RuleRegistry.all();
        dev.nginxlint.parse.ConfigParser.parse(null, "warm-up",
            "events { worker_connections 1; }\n".getBytes(StandardCharsets.ISO_8859_1));
        // the tables the correctness rules load on first use, and the rules' annotations
        dev.nginxlint.rules.correctness.DirectiveCheck.verdict("worker_connections", "events",
            java.util.List.of("1"), false, dev.nginxlint.lint.NginxVersion.DEFAULT);
        dev.nginxlint.rules.correctness.ThirdParty.get();
        for (dev.nginxlint.lint.LintRule r : dev.nginxlint.rules.RuleRegistry.all()) {
          r.meta();
        }
      } catch (RuntimeException | Error e) {
        // ignored: see above
      }
    });
  }

  /** The whole CLI, for tests: no System.exit, injected streams and file system. */
  public static int run(Io io, String... args) {
    boolean verbose = false;
    for (String a : args) {
      verbose |= a.equals("--verbose") || a.equals("-v");
    }
    final boolean showTrace = verbose;
    CheckCommand quick = QuickCheckLine.parse(io, args);
    if (quick != null) {
      // a plain `check` command line: run it as picocli would, without building picocli's model
      int code;
      try {
        code = quick.call();
      } catch (StackOverflowError | OutOfMemoryError e) {
        io.err().println("nginx-lint: internal error: " + e);
        code = ExitCodes.ERROR;
      } catch (Exception e) {
        code = executionError(io, e, showTrace);
      }
      io.out().flush();
      io.err().flush();
      return code;
    }
    CommandLine cmd = new CommandLine(new Main(io));
    // The subcommands, one line each (name as in its @Command, and how to make it).
    Subcommands subs = new Subcommands();
    subs.add("check", () -> new CheckCommand(io));
    subs.add("parse", () -> new ParseCommand(io));
    subs.add("rules", () -> new RulesCommand(io));
    subs.add("rule", () -> new RuleCommand(io));
    subs.add("directives", () -> new DirectivesCommand(io));
    subs.add("triage", () -> new TriageCommand(io));
    subs.add("server", () -> new ServerCommand(io));
    subs.add("format", () -> new FormatCommand(io));
    subs.add("fix", () -> new FixCommand(io));
    subs.register(cmd, args);
    cmd.setOut(io.out());
    cmd.setErr(io.err());
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> executionError(io, ex, showTrace));
    cmd.setExitCodeExceptionMapper(ex -> ExitCodes.ERROR);
    int code;
    try {
      code = cmd.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      io.err().println("nginx-lint: internal error: " + e);
      code = ExitCodes.ERROR;
    }
    io.out().flush();
    io.err().flush();
    return code;
  }

  /** A command threw: a user error is one line, anything else an internal error. */
  private static int executionError(Io io, Exception ex, boolean showTrace) {
    if (ex instanceof UserError) {
      io.err().println("nginx-lint: " + ex.getMessage());
    } else if (ex instanceof java.nio.file.InvalidPathException bad) {
      // a path given on the command line (or in the config file) that Java cannot name: a NUL,
      // or non-ASCII bytes under a C/POSIX locale; a user's input, so one line, no trace
      io.err().println("nginx-lint: \"" + bad.getInput().replace("\0", "\\x00") + "\": not a usable path ("
          + bad.getReason() + (bad.getInput().indexOf('\0') < 0 ? "; file names are read as "
          + System.getProperty("sun.jnu.encoding", "?") + " here: run with LC_ALL=C.UTF-8" : "") + ")");
    } else {
      io.err().println("nginx-lint: internal error: " + ex + (showTrace ? "" : " (run with --verbose for details)"));
      if (showTrace) {
        ex.printStackTrace(io.err());
      }
    }
    io.err().flush();
    return ExitCodes.ERROR;
  }

  /** For tests: runs with the default file system and a given working directory. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, Path cwd, String... args) {
    return run(new Io(out, err, in, cwd.getFileSystem(), cwd), args);
  }

  /**
   * The subcommands, registered lazily: picocli builds a command's whole model by reflection
   * when it is added, which is most of the start-up time, so when the first argument names a
   * subcommand only that one is built; otherwise (--help, --version, no or an unknown command)
   * all of them are, in the order they were added.
   */
  static final class Subcommands {
    private final java.util.LinkedHashMap<String, java.util.function.Supplier<Object>> makers =
        new java.util.LinkedHashMap<>();

    /** Adds a subcommand: {@code maker} returns the command object or a ready CommandLine. */
    void add(String name, java.util.function.Supplier<Object> maker) {
      makers.put(name, maker);
    }

    void register(CommandLine cmd, String[] args) {
      String first = args.length > 0 ? args[0] : null;
      if (first != null && makers.containsKey(first)) {
        cmd.addSubcommand(first, makers.get(first).get());
        return;
      }
      makers.forEach((name, maker) -> cmd.addSubcommand(name, maker.get()));
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nginx-lint " + Version.VERSION};
    }
  }
}
