package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.fix.Applicability;
import dev.nginxlint.fixloop.FixApplier;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.rules.FixtureOracle.Fixture;
import dev.nginxlint.rules.FixtureOracle.Kind;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixtures written for an nginx newer than the system's (Debian bookworm's 1.22.1, the main
 * oracle, which rejects what they use) checked with a real newer nginx: Debian sid's, unpacked
 * by {@code test/newer-nginx/fetch}. A fixture is one of them when its header names an
 * nginx-version above 1.22.1 or its leading comment says "Needs nginx >= X" with X above it
 * (fixtures/README.md). For each, with that nginx:
 *
 * <ul>
 *   <li>good and fixed fixtures pass {@code nginx -t};
 *   <li>bad fixtures pass too, unless the rule is one whose bad fixtures nginx rejects by nature
 *       ({@link FixtureOracle#REJECTED_BY_NATURE}); then nginx must reject them with the message the
 *       rule is about, at a line the rule reports;
 *   <li>every bad and good fixture nginx accepts still passes after all fixes of all rules (safe
 *       and unsafe) made with the fixture's own settings, as FixOracleTest checks with 1.22.1;
 *   <li>fixes add no nginx warning: a fixed fixture warns of nothing its bad fixture (when nginx
 *       accepts it) does not, and neither does a fixture after all fixes.
 * </ul>
 *
 * The newer nginx must be at least the highest version these fixtures name. Fails on CI when it
 * is missing (.ci/run fetches it).
 */
class NewerNginxFixtureTest {

  /** A warning without its place (fixes move lines). */
  private static final Pattern WARN = Pattern.compile("(?m)^\\[warn\\] (.*?)(?: in /\\S+:\\d+)?$");

  @TempDir
  Path tmp;

  @Test
  void fixturesForNewerNginxPassItsNginxT() throws IOException {
    List<Fixture> fixtures = FixtureOracle.all().stream().filter(f -> f.needs() != null).toList();
    assertFalse(fixtures.isEmpty(), "no fixture names an nginx-version above " + FixtureOracle.SYSTEM_NGINX);
    RealNginx.Binary nginx = RealNginx.newer();
    RealNginx.requireOrSkip(nginx);
    NginxVersion version = RealNginx.version(nginx);
    NginxVersion needed = fixtures.stream().map(Fixture::needs).max(NginxVersion::compareTo).orElseThrow();
    assertTrue(version.atLeast(needed), nginx.executable() + " is nginx " + version + ", but fixtures need "
        + needed + ": run test/newer-nginx/fetch --refresh");

    List<String> problems = new ArrayList<>();
    for (Fixture f : fixtures) {
      Path copy = tmp.resolve("fixtures").resolve(f.rule()).resolve(f.name());
      Fixtures.copyTree(f.ruleDir().resolve(f.name()), copy);
      Path main = f.directory() ? copy.resolve("nginx.conf") : copy;
      RealNginx.Result before = RealNginx.test(nginx, main, Files.createTempDirectory(tmp, "prefix"), true);
      String verdict = before.ok() ? "accepted" + warned(before) : "rejected";
      if (!before.ok()) {
        String problem = FixtureOracle.rejectionProblem(f, before, f.directory() ? copy : copy.getParent());
        if (problem != null) {
          problems.add(f.label() + ": " + problem);
        } else {
          verdict = "rejected as its rule says (" + FixtureOracle.firstEmerg(before) + ")";
          // no claim (nothing passed before); said for the record
          if (fixAll(main, f.settings())) {
            RealNginx.Result after = RealNginx.test(nginx, main, Files.createTempDirectory(tmp, "prefix"), true);
            verdict += after.ok() ? "; accepted after all fixes" : "; after all fixes: " + FixtureOracle.firstEmerg(after);
          }
        }
      } else if (f.kind() != Kind.FIXED) {
        if (fixAll(main, f.settings())) {
          RealNginx.Result after = RealNginx.test(nginx, main, Files.createTempDirectory(tmp, "prefix"), true);
          verdict += after.ok() ? ", and after all fixes" + warned(after) : ", REJECTED after all fixes";
          if (!after.ok()) {
            problems.add(f.label() + ": nginx " + version + " accepted it, but not after all fixes: "
                + after.messages().strip());
          }
          Set<String> added = added(before, after);
          if (after.ok() && !added.isEmpty()) {
            problems.add(f.label() + ": all fixes add nginx warnings: " + added);
          }
        }
      } else {
        // a fixed fixture against its bad one, with the same nginx
        Path badCopy = tmp.resolve("bad-of-fixed").resolve(f.rule()).resolve(f.badName());
        Fixtures.copyTree(f.ruleDir().resolve(f.badName()), badCopy);
        Path badMain = f.directory() ? badCopy.resolve("nginx.conf") : badCopy;
        RealNginx.Result bad = RealNginx.test(nginx, badMain, Files.createTempDirectory(tmp, "prefix"), true);
        Set<String> added = added(bad, before);
        if (bad.ok() && !added.isEmpty()) {
          problems.add(f.label() + ": the fix adds nginx warnings " + f.badName() + " has not: " + added);
        }
        verdict += bad.ok() ? "; " + f.badName() + " accepted" + warned(bad) : "; " + f.badName() + " rejected";
      }
      System.out.printf("NewerNginxFixtureTest: nginx %s, %s (%s, %s): %s%n", version, f.label(),
          f.kind().name().toLowerCase(java.util.Locale.ROOT), f.why(), verdict);
    }
    System.out.printf("NewerNginxFixtureTest: %d fixtures checked with nginx %s (%s), %d problems%n",
        fixtures.size(), version, nginx.executable(), problems.size());
    assertTrue(problems.isEmpty(), "with nginx " + version + ":\n" + String.join("\n", problems));
  }

  private static Set<String> warnings(RealNginx.Result r) {
    Set<String> found = new TreeSet<>();
    Matcher m = WARN.matcher(r.messages());
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The warnings {@code after} gives that {@code before} does not. */
  private static Set<String> added(RealNginx.Result before, RealNginx.Result after) {
    Set<String> added = warnings(after);
    added.removeAll(warnings(before));
    return added;
  }

  private static String warned(RealNginx.Result r) {
    Set<String> w = warnings(r);
    return w.isEmpty() ? "" : " (warns: " + String.join("; ", w) + ")";
  }

  /** Applies all fixes of all rules (safe and unsafe) in place; true when a file changed. */
  private static boolean fixAll(Path main, Settings settings) throws IOException {
    FixApplier.Result r = applyAllFixes(main, settings);
    for (FixApplier.Change c : r.changes().values()) {
      Files.write(c.path(), c.after());
    }
    return !r.changes().isEmpty();
  }

  private static FixApplier.Result applyAllFixes(Path main, Settings settings) {
    NioFileSource src = new NioFileSource(FileSystems.getDefault(), main.getParent());
    return new FixApplier(src, s -> new ConfigLoader(s, new PrefixMap()).environment(settings.environment()),
        new Linter(settings, RuleRegistry.rules()), EnumSet.of(Applicability.SAFE, Applicability.UNSAFE))
        .run(l -> {
          try {
            return l.load(List.of(main.toString()));
          } catch (ConfigLoader.InputException e) {
            throw new AssertionError("cannot load " + main + ": " + e.getMessage(), e);
          }
        });
  }
}
