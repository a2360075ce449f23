package dev.nginxlint.testsupport;

import dev.nginxlint.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The CLI run in-process, as a user's shell would run it: exit code, stdout and stderr. */
public final class Cli {

  private Cli() {
  }

  /** What one run printed and returned. */
  public record Run(int code, String out, String err) {}

  /** {@code nginx-lint ARGS} in {@code cwd}, with nothing on stdin. */
  public static Run run(Path cwd, String... args) {
    return run(cwd, new byte[0], args);
  }

  /** {@code nginx-lint ARGS} in {@code cwd}, reading {@code stdin}. */
  public static Run run(Path cwd, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(stdin), cwd, args);
    return new Run(code, out.toString(), err.toString());
  }
}
