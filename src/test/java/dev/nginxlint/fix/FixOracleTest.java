package dev.nginxlint.fix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.fixloop.FixApplier;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.rules.RuleRegistry;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real nginx as the oracle for the fixer: every fixture and every corpus main config that
 * `nginx -t` accepts as it is must still be accepted after all fixes (safe and unsafe) are
 * applied. Fails in CI when nginx is missing.
 */
class FixOracleTest {

  private static final Path REPO = Path.of(System.getProperty("nginxlint.repo", "."));
  private static final Path CORPUS = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus");

  @TempDir
  Path tmp;

  @Test
  void fixedConfigsStillPassNginxT() throws IOException {
    RealNginx.requireOrSkip();
    List<Path> mains = new ArrayList<>();
    // fixtures: copy each rule's fixture dir, check every .conf that is a main config
    try (Stream<Path> rules = Files.list(REPO.resolve("fixtures"))) {
      for (Path ruleDir : rules.filter(Files::isDirectory).sorted().toList()) {
        Path copy = tmp.resolve("fixtures").resolve(ruleDir.getFileName().toString());
        Fixtures.copyTree(ruleDir, copy);
        try (Stream<Path> s = Files.list(copy)) {
          for (Path p : s.sorted().toList()) {
            String n = p.getFileName().toString();
            if (Files.isDirectory(p) && Files.exists(p.resolve("nginx.conf"))) {
              mains.add(p.resolve("nginx.conf"));
            } else if (n.endsWith(".conf") && !n.startsWith("fixed")) {
              mains.add(p);
            }
          }
        }
      }
    }
    // corpus: main configs nginx accepted as they are, each source tree copied once
    List<String> copied = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length < 3 || !f[1].equals("main") || !f[2].equals("ok")) {
        continue;
      }
      String source = f[0].substring(0, f[0].indexOf('/'));
      if (!copied.contains(source)) {
        Fixtures.copyTree(CORPUS.resolve(source), tmp.resolve("corpus").resolve(source));
        copied.add(source);
      }
      mains.add(tmp.resolve("corpus").resolve(f[0]));
    }

    int compared = 0;
    int changed = 0;
    int notAcceptedBefore = 0;
    List<String> broken = new ArrayList<>();
    for (Path main : mains) {
      Path prefix = Files.createTempDirectory(tmp, "prefix");
      RealNginx.Result before = RealNginx.test(main, prefix, true);
      if (!before.ok()) {
        // not valid here as it is (e.g. 1.29.7-only syntax, or an environment it needs): no claim
        notAcceptedBefore++;
        continue;
      }
      compared++;
      FixApplier.Result r = applyAll(main);
      for (FixApplier.Change c : r.changes().values()) {
        Files.write(c.path(), c.after());
      }
      if (r.changes().isEmpty()) {
        continue;
      }
      changed++;
      RealNginx.Result after = RealNginx.test(main, Files.createTempDirectory(tmp, "prefix"), true);
      if (!after.ok()) {
        broken.add(tmp.relativize(main) + ": " + after.messages());
      }
    }
    System.out.printf("FixOracleTest: %d configs accepted by nginx -t, %d changed by fixes, %d broken after;"
        + " %d not accepted as they are (not compared)%n", compared, changed, broken.size(), notAcceptedBefore);
    assertTrue(compared > 50, "too few configs compared: " + compared);
    assertTrue(broken.isEmpty(), "fixes broke configs nginx accepted:\n" + String.join("\n", broken));
  }

  /**
   * A tree whose main, events, http and location levels each include a file that exists only at
   * deploy time (a glob without a match): `fix` (safe fixes only) must leave room for it. After
   * the fix, the user's files are filled in with the very directives the fixes would add, and
   * nginx -t must still pass. The same files after the unsafe fixes too fail ("is duplicate"),
   * so the case is a real one.
   */
  @Test
  void safeFixesKeepPassingOnceDeployTimeIncludesAreFilledIn() throws IOException {
    RealNginx.requireOrSkip();
    Path fixture = REPO.resolve("fixtures/worker-connections-low/bad-deploy-include");
    Path safe = tmp.resolve("safe");
    Path unsafe = tmp.resolve("unsafe");
    Fixtures.copyTree(fixture, safe);
    Fixtures.copyTree(fixture, unsafe);

    FixApplier.Result safeRun = apply(safe.resolve("nginx.conf"), EnumSet.of(Applicability.SAFE));
    assertFalse(safeRun.changes().isEmpty(), "the fixes that cannot clash (keepalive) are still applied");
    for (FixApplier.Change c : safeRun.changes().values()) {
      Files.write(c.path(), c.after());
    }
    String fixed = Files.readString(safe.resolve("nginx.conf"));
    assertTrue(fixed.contains("keepalive 32;"), fixed);
    assertFalse(fixed.contains("worker_connections") || fixed.contains("worker_rlimit_nofile")
        || fixed.contains("proxy_http_version"), "nothing is added next to a deploy-time include:\n" + fixed);
    assertTrue(apply(safe.resolve("nginx.conf"), EnumSet.of(Applicability.SAFE)).changes().isEmpty(), "idempotent");

    for (FixApplier.Change c : apply(unsafe.resolve("nginx.conf"), EnumSet.of(Applicability.SAFE, Applicability.UNSAFE))
        .changes().values()) {
      Files.write(c.path(), c.after());
    }
    fillInDeployTimeFiles(safe);
    fillInDeployTimeFiles(unsafe);
    RealNginx.Result afterSafe = RealNginx.test(safe.resolve("nginx.conf"), Files.createTempDirectory(tmp, "prefix"), true);
    assertTrue(afterSafe.ok(), "safe fixes broke the deployed config: " + afterSafe.messages());
    RealNginx.Result afterUnsafe = RealNginx.test(unsafe.resolve("nginx.conf"), Files.createTempDirectory(tmp, "prefix"), true);
    assertFalse(afterUnsafe.ok(), "the unsafe fixes were expected to clash with the deploy-time files");
    assertTrue(afterUnsafe.output().contains("is duplicate"), afterUnsafe.output());
  }

  /** The files the fixture's includes name, as a user fills them in at deploy time. */
  private static void fillInDeployTimeFiles(Path tree) throws IOException {
    Path custom = Files.createDirectories(tree.resolve("custom"));
    Files.writeString(custom.resolve("main.conf"), "worker_rlimit_nofile 8192;\n");
    Files.writeString(custom.resolve("events.conf"), "worker_connections 2048;\n");
    Files.writeString(custom.resolve("http.conf"), "proxy_read_timeout 90s;\n");
    Files.writeString(custom.resolve("location.conf"), "proxy_http_version 1.1;\nproxy_set_header Connection \"\";\n");
  }

  private static FixApplier.Result applyAll(Path main) {
    return apply(main, EnumSet.of(Applicability.SAFE, Applicability.UNSAFE));
  }

  private static FixApplier.Result apply(Path main, EnumSet<Applicability> which) {
    NioFileSource src = new NioFileSource(FileSystems.getDefault(), main.getParent());
    return new FixApplier(src, s -> new ConfigLoader(s, new PrefixMap()), new Linter(new Settings(), RuleRegistry.rules()),
        which).run(l -> {
          try {
            return l.load(List.of(main.toString()));
          } catch (ConfigLoader.InputException e) {
            throw new AssertionError(e);
          }
        });
  }
}
