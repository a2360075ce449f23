package dev.nginxlint.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code test/pre-commit/run.sh}: the repo's {@code .pre-commit-hooks.yaml} driven by the real
 * pre-commit tool in a scratch git repo (first hook run builds the jar in pre-commit's clone). Part
 * of {@code mvn test} so that the README's one test command is the whole suite.
 */
@Tag("integration")
class PreCommitHookTest {

  private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

  @Test
  void hooksFailOnBadConfigsAndPassOnFixedOnes() throws IOException, InterruptedException {
    requireOrSkip("git");
    requireOrSkip("pre-commit");
    Path repo = Fixtures.repo();
    Path log = Files.createTempFile("nginx-lint-pre-commit", ".log");
    try {
      Process p = new ProcessBuilder("bash", repo.resolve("test/pre-commit/run.sh").toString())
          .directory(repo.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      // the first hook run clones and builds the jar (about a minute); the script bounds each step
      if (!p.waitFor(20, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        Assertions.fail("test/pre-commit/run.sh did not finish in 20 minutes:\n" + read(log));
      }
      String out = read(log);
      System.out.println(out);
      Matcher m = SUMMARY.matcher(out);
      assertTrue(m.find(), "no summary line in:\n" + out);
      assertEquals("0", m.group(2), out);
      assertTrue(Integer.parseInt(m.group(1)) >= 9, "fewer checks than expected:\n" + out);
      assertEquals(0, p.exitValue(), out);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  /** Missing tools skip the test on a developer's machine and fail it on CI (.ci/run installs them). */
  private static void requireOrSkip(String tool) throws InterruptedException {
    boolean found;
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      found = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (found) {
      return;
    }
    if (RealNginx.onCi()) {
      Assertions.fail(tool + " not found: CI must install it (see .ci/run)");
    }
    Assumptions.abort(tool + " not found: skipping the pre-commit hook test");
  }
}
