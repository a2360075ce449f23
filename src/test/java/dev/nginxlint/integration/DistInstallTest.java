package dev.nginxlint.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 1: the self-contained distribution. Builds it with dist/build (what
 * `mvn -Pdist package` runs), unpacks the tarball and runs its bin/nginx-lint with a PATH that
 * holds no java or mvn, and, as root on CI, installs the .deb with dpkg -i, runs
 * /usr/bin/nginx-lint the same way and removes the package. Each output must equal the
 * launcher's on the same fixture tree.
 */
@Tag("integration")
class DistInstallTest {

  @TempDir
  Path tmp;

  record Out(int code, String text) {}

  private static Out run(Path dir, List<String> env, List<String> cmd, int minutes) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    if (env != null) {
      pb.environment().clear();
      for (String kv : env) {
        int eq = kv.indexOf('=');
        pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish in " + minutes + " minutes");
    }
    return new Out(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** A PATH of the few basic tools the installed launcher uses: no java, no mvn (checked). */
  private static List<String> bareEnv(Path home) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bare-bin"));
    for (String tool : List.of("sh", "bash", "env", "readlink", "cksum", "cut", "mkdir")) {
      Out where = run(home, null, List.of("sh", "-c", "command -v " + tool), 1);
      if (where.code() == 0) {
        Files.createSymbolicLink(bin.resolve(tool), Path.of(where.text().strip()));
      }
    }
    return List.of("PATH=" + bin, "HOME=" + home, "LANG=C.UTF-8");
  }

  @Test
  void theTarballAndTheDebRunWithoutAJdkAndAgreeWithTheLauncher() throws Exception {
    Path repo = Fixtures.repo().toAbsolutePath();
    for (String tool : List.of("jlink", "jdeps", "dpkg-deb")) {
      if (run(repo, null, List.of("sh", "-c", "command -v " + tool), 1).code() != 0) {
        if (RealNginx.onCi()) {
          throw new AssertionError(tool + " not found: CI must have it (see .ci/run)");
        }
        Assumptions.abort(tool + " not found");
      }
    }
    Path tree = repo.resolve("examples");
    // the launcher builds the jar when it is missing or stale; its output is the reference
    Out reference = run(tree, null, List.of(repo.resolve("nginx-lint").toString(), "check", "--no-config", "."), 10);
    assertEquals(1, reference.code(), reference.text());
    String expected = reference.text().lines().filter(l -> !l.startsWith("nginx-lint: building"))
        .reduce("", (a, b) -> a + b + "\n");

    Out built = run(repo, null, List.of("bash", "dist/build", "0.1.0"), 10);
    assertEquals(0, built.code(), built.text());
    Path dist = repo.resolve("target/dist");
    Path tarball = dist.resolve("nginx-lint-0.1.0-linux-x64.tar.gz");
    Path deb = dist.resolve("nginx-lint_0.1.0_amd64.deb");
    assertTrue(Files.isRegularFile(tarball) && Files.isRegularFile(deb), built.text());

    List<String> env = bareEnv(tmp);
    assertTrue(run(tree, env, List.of(tmp.resolve("bare-bin/sh").toString(), "-c",
        "command -v java || command -v mvn"), 1).code() != 0, "the bare PATH must hold no java or mvn");

    assertEquals(0, run(tmp, null, List.of("tar", "-xzf", tarball.toString()), 2).code());
    Path bin = tmp.resolve("nginx-lint-0.1.0-linux-x64/bin/nginx-lint");
    Out fromTarball = run(tree, env, List.of(bin.toString(), "check", "--no-config", "."), 2);
    assertEquals(new Out(1, expected), fromTarball);
    java.util.regex.Matcher feature = java.util.regex.Pattern.compile("\\(Java (\\d+)\\)").matcher(built.text());
    assertTrue(feature.find(), built.text());
    if (Integer.parseInt(feature.group(1)) >= 21) {
      // from Java 21 an archive moves with the application: it is made at build time and shipped
      assertTrue(Files.isRegularFile(tmp.resolve("nginx-lint-0.1.0-linux-x64/lib/nginx-lint.jsa")),
          "the AppCDS archive is shipped");
    } else {
      // an older runtime: the first run made one in the user's cache
      try (var cached = Files.list(tmp.resolve(".cache/nginx-lint"))) {
        assertTrue(cached.anyMatch(f -> f.toString().endsWith(".jsa")), "no archive in the user's cache");
      }
    }

    boolean root = "0".equals(run(tmp, null, List.of("id", "-u"), 1).text().strip());
    if (!root || run(tmp, null, List.of("sh", "-c", "command -v dpkg"), 1).code() != 0) {
      if (RealNginx.onCi()) {
        throw new AssertionError("CI runs as root with dpkg: the .deb must be installed and tried");
      }
      Assumptions.abort("not root: the .deb is built but not installed");
    }
    Out install = run(tmp, null, List.of("dpkg", "-i", deb.toString()), 5);
    assertEquals(0, install.code(), install.text());
    try {
      Out installed = run(tree, env, List.of("/usr/bin/nginx-lint", "check", "--no-config", "."), 2);
      assertEquals(new Out(1, expected), installed);
    } finally {
      Out removed = run(tmp, null, List.of("dpkg", "-r", "nginx-lint"), 5);
      assertEquals(0, removed.code(), removed.text());
    }
    assertTrue(!Files.exists(Path.of("/usr/bin/nginx-lint")), "the package is removed");
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
