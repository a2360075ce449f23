package dev.nginxlint.cli;

import dev.nginxlint.Version;
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
    io.err().println("nginx-lint: a command is required (check, parse, rules, rule); see --help");
    io.err().flush();
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    FileSystem fs = FileSystems.getDefault();
    Io io = new Io(out, err, System.in, fs, fs.getPath("").toAbsolutePath());
    int[] code = {ExitCodes.ERROR};
    Thread worker = new Thread(null, () -> code[0] = run(io, args), "nginx-lint", STACK_BYTES);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
    err.flush();
    System.exit(code[0]);
  }

  /** The whole CLI, for tests: no System.exit, injected streams and file system. */
  public static int run(Io io, String... args) {
    boolean verbose = false;
    for (String a : args) {
      verbose |= a.equals("--verbose") || a.equals("-v");
    }
    final boolean showTrace = verbose;
    CommandLine cmd = new CommandLine(new Main(io));
    cmd.addSubcommand(new CheckCommand(io));
    cmd.addSubcommand(new ParseCommand(io));
    cmd.addSubcommand(new RulesCommand(io));
    cmd.addSubcommand(new RuleCommand(io));
    cmd.addSubcommand(new DirectivesCommand(io));
    CommandLine fix = new CommandLine(new FixCommand(io));
    fix.setUnmatchedOptionsArePositionalParams(true);
    cmd.addSubcommand("fix", fix);
    cmd.setOut(io.out());
    cmd.setErr(io.err());
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError) {
        io.err().println("nginx-lint: " + ex.getMessage());
      } else {
        io.err().println("nginx-lint: internal error: " + ex + (showTrace ? "" : " (run with --verbose for details)"));
        if (showTrace) {
          ex.printStackTrace(io.err());
        }
      }
      io.err().flush();
      return ExitCodes.ERROR;
    });
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

  /** For tests: runs with the default file system and a given working directory. */
  public static int run(PrintWriter out, PrintWriter err, InputStream in, Path cwd, String... args) {
    return run(new Io(out, err, in, cwd.getFileSystem(), cwd), args);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nginx-lint " + Version.VERSION};
    }
  }
}
