package dev.nginxlint.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The short 502 lab ({@code lab/run --short --check}): for every scenario, the "before" config
 * gives 502s (or socket errors, or stalls) under a couple of seconds of wrk load in a network
 * namespace of its own, and the copy fixed by {@code nginx-lint fix --unsafe-fixes} passes {@code
 * nginx -t} and gives none. nginx-lint runs from this test JVM's classpath (no jar, no nested
 * maven). Needs root, {@code ip netns}, nginx and wrk: skipped without them, failed on CI.
 */
@Tag("integration")
class LabShortTest {

  private static final long TIMEOUT_MINUTES = 6;

  @Test
  void beforeConfigsGive502sAndFixedCopiesGiveNone() throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    if (!sh("[ \"$(id -u)\" = 0 ]")) {
      missing.add("root");
    }
    if (!sh("command -v ip >/dev/null && ip netns list >/dev/null")) {
      missing.add("ip netns (iproute2)");
    }
    if (!RealNginx.available()) {
      missing.add("nginx (" + RealNginx.binary() + ")");
    }
    if (!sh("command -v wrk")) {
      missing.add("wrk");
    }
    if (!sh("command -v ss && command -v sysctl && command -v javac")) {
      missing.add("ss, sysctl or javac");
    }
    if (!missing.isEmpty()) {
      String what = "the 502 lab needs " + String.join(", ", missing);
      if (RealNginx.onCi()) {
        Assertions.fail(what + ": CI must run as root with these installed (see .ci/run)");
      }
      Assumptions.abort(what + ": skipping");
    }

    Path repo = Fixtures.repo();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("nginx-lint-lab", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(
          "bash", repo.resolve("lab/run").toString(), "--short", "--check", "--no-testdata")
          .directory(repo.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      // the classpath goes through an env var: lab/run expands it when it runs the command
      env.put("NGINX_LINT_CP", System.getProperty("java.class.path"));
      env.put("NGINX_LINT", "'" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp \"$NGINX_LINT_CP\" "
          + "dev.nginxlint.cli.Main");
      env.put("JAVA", java);
      env.put("NGINX_BIN", RealNginx.binary().toString());
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) { // lab/run's EXIT trap removes its namespaces
          p.destroyForcibly();
        }
        Assertions.fail("lab/run --short did not finish in " + TIMEOUT_MINUTES + " minutes:\n" + read(log));
      }
      String out = read(log);
      System.out.println(out);
      System.out.printf("lab/run --short --check took %.1f s%n", (System.nanoTime() - start) / 1e9);
      assertTrue(out.contains("| 1-no-keepalive |"), "no result table:\n" + out);
      // the keepalive-timeout race, the localhost case and the stale upstream address (issue 19,
      // on the newer nginx) are part of every run
      assertTrue(out.contains("| 10-keepalive-timeout-race |") && out.contains("| 11-upstream-localhost |")
          && out.contains("| 12-upstream-static-dns |"), "a scenario is missing:\n" + out);
      assertEquals(0, p.exitValue(), "lab/run --short --check failed:\n" + out);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean sh(String script) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }
}
