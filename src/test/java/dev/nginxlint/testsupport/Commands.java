package dev.nginxlint.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** External commands a test needs to succeed (git, patch): their output, or a failure naming them. */
public final class Commands {

  private Commands() {
  }

  /** Runs CMD in DIR and returns its output (stdout and stderr); fails the test on a non-zero exit. */
  public static String succeed(Path dir, List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    return out;
  }
}
