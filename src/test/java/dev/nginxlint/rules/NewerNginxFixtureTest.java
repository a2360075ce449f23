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
 *       ({@link #REJECTED_BY_NATURE}); then nginx must reject them at a line the rule reports,
 *       with the message the rule is about;
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

  /** The system nginx's version: fixtures for it and older are FixOracleTest's and the corpus tests'. */
  static final NginxVersion SYSTEM_NGINX = new NginxVersion(1, 22, 1);

  private static final Pattern FIXED_NAME = Pattern.compile("fixed|bad(-[A-Za-z0-9._-]+)?\\.fixed");
  private static final Pattern NEEDS = Pattern.compile("Needs nginx >= (\\d+\\.\\d+(?:\\.\\d+)?)");
  private static final Pattern EMERG = Pattern.compile("(?m)^\\[emerg\\] (.*) in (/\\S+):(\\d+)$");
  /** A warning without its place (fixes move lines). */
  private static final Pattern WARN = Pattern.compile("(?m)^\\[warn\\] (.*?)(?: in /\\S+:\\d+)?$");

  /**
   * Rules whose bad fixtures nginx -t rejects by nature, and the message it rejects them with.
   * The structural rules report what nginx -t refuses (CorpusAgreementTest holds them to nginx's
   * verdicts); directive-version's fixtures use directives their target version lacks, which a
   * newer nginx may have or may have removed. upstream-static-dns's fixtures name hosts that
   * resolve only in the deployment's network (Docker's DNS): nginx resolves them at start-up, so
   * here it cannot.
   */
  static final Map<String, Pattern> REJECTED_BY_NATURE = Map.of(
      "unknown-directive", Pattern.compile("^unknown directive "),
      "directive-version", Pattern.compile("^unknown directive |^invalid parameter "),
      "directive-not-allowed-here", Pattern.compile("directive is not allowed here$"),
      "invalid-argument-count", Pattern.compile("^invalid number of arguments "),
      "invalid-flag-value", Pattern.compile("^invalid value "),
      "duplicate-directive", Pattern.compile("directive is duplicate"),
      "block-mismatch", Pattern.compile("^unexpected |has no opening \"\\{\"$"),
      "upstream-static-dns", Pattern.compile("^host not found in upstream "));

  enum Kind { BAD, GOOD, FIXED }

  /** One fixture: a .conf file or a directory whose entry is nginx.conf. */
  record Fixture(String rule, Path ruleDir, String name, boolean directory, Kind kind, NginxVersion needs,
      String why) {

    String stem() {
      return directory ? name : name.substring(0, name.length() - ".conf".length());
    }

    String label() {
      return rule + "/" + name + (directory ? "/" : "");
    }

    /** The bad fixture a fixed one is the fix of (file or directory name). */
    String badName() {
      String bad = stem().equals("fixed") ? "bad" : stem().substring(0, stem().length() - ".fixed".length());
      return directory ? bad : bad + ".conf";
    }
  }

  @TempDir
  Path tmp;

  @Test
  void fixturesForNewerNginxPassItsNginxT() throws IOException {
    List<Fixture> fixtures = newerFixtures();
    assertFalse(fixtures.isEmpty(), "no fixture names an nginx-version above " + SYSTEM_NGINX);
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
        String problem = rejectionProblem(f, before, f.directory() ? copy : copy.getParent());
        if (problem != null) {
          problems.add(f.label() + ": " + problem);
        } else {
          verdict = "rejected as its rule says (" + firstEmerg(before) + ")";
          // no claim (nothing passed before); said for the record
          if (fixAll(main, settings(f))) {
            RealNginx.Result after = RealNginx.test(nginx, main, Files.createTempDirectory(tmp, "prefix"), true);
            verdict += after.ok() ? "; accepted after all fixes" : "; after all fixes: " + firstEmerg(after);
          }
        }
      } else if (f.kind() != Kind.FIXED) {
        if (fixAll(main, settings(f))) {
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

  /** Null when a rejected fixture is rejected as its rule explains, else what is wrong. */
  private static String rejectionProblem(Fixture f, RealNginx.Result r, Path base) throws IOException {
    String messages = r.messages().strip();
    if (f.kind() != Kind.BAD) {
      return "a " + f.kind().name().toLowerCase(java.util.Locale.ROOT) + " fixture must pass nginx -t: " + messages;
    }
    Pattern expectedMessage = REJECTED_BY_NATURE.get(f.rule());
    if (expectedMessage == null) {
      return "nginx -t rejects it, and " + f.rule() + " is not a rule whose bad fixtures nginx rejects"
          + " (NewerNginxFixtureTest.REJECTED_BY_NATURE): " + messages;
    }
    Matcher m = EMERG.matcher(r.messages());
    if (!m.find()) {
      return "nginx -t failed without an [emerg] line: " + messages;
    }
    if (!expectedMessage.matcher(m.group(1)).find()) {
      return "rejected for another reason than " + f.rule() + "'s (" + expectedMessage + "): " + messages;
    }
    // nginx names the line it stopped at; the rule must report that line too
    Path file = Path.of(m.group(2));
    String where = f.directory() ? base.relativize(file).toString().replace('\\', '/') + ":" + m.group(3) : m.group(3);
    Set<String> reported = expectedLines(f);
    if (!reported.contains(where)) {
      return "nginx rejects it at " + where + ", a line " + f.rule() + " does not report (" + reported + "): "
          + messages;
    }
    return null;
  }

  /** The [FILE:]LINE of each finding in the bad fixture's .expected file. */
  private static Set<String> expectedLines(Fixture f) throws IOException {
    Set<String> lines = new TreeSet<>();
    Path expected = f.ruleDir().resolve(f.stem() + ".expected");
    if (!Files.isRegularFile(expected)) {
      return lines;
    }
    for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
      int lastColon = line.lastIndexOf(':');
      if (lastColon > 0) {
        lines.add(line.substring(0, lastColon));
      }
    }
    return lines;
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

  private static String firstEmerg(RealNginx.Result r) {
    Matcher m = EMERG.matcher(r.messages());
    return m.find() ? m.group(1) + " at line " + m.group(3) : r.messages().strip();
  }

  /**
   * Every fixture whose header names an nginx-version above the system's, or whose leading
   * comment says it needs one: in rule-directory order, then by name.
   */
  static List<Fixture> newerFixtures() throws IOException {
    List<Fixture> found = new ArrayList<>();
    for (Path ruleDir : sorted(Fixtures.fixturesDir())) {
      if (!Files.isDirectory(ruleDir)) {
        continue;
      }
      for (Path p : sorted(ruleDir)) {
        String name = p.getFileName().toString();
        boolean directory = Files.isDirectory(p) && Files.isRegularFile(p.resolve("nginx.conf"));
        if (!directory && !name.endsWith(".conf")) {
          continue;
        }
        Path main = directory ? p.resolve("nginx.conf") : p;
        NginxVersion needs = null;
        String why = null;
        Settings s = Fixtures.settingsFromHeader(Fixtures.firstLine(main));
        if (s.versionGiven() && s.version().compareTo(SYSTEM_NGINX) > 0) {
          needs = s.version();
          why = "nginx-version=" + s.version();
        }
        NginxVersion noted = neededByNote(main);
        if (noted != null && noted.compareTo(SYSTEM_NGINX) > 0 && (needs == null || noted.compareTo(needs) > 0)) {
          needs = noted;
          why = (why == null ? "" : why + ", ") + "Needs nginx >= " + noted;
        }
        if (needs == null) {
          continue;
        }
        String stem = directory ? name : name.substring(0, name.length() - ".conf".length());
        Kind kind = FIXED_NAME.matcher(stem).matches() ? Kind.FIXED
            : stem.startsWith("bad") ? Kind.BAD
            : stem.startsWith("good") ? Kind.GOOD : null;
        if (kind == null) {
          continue; // FixtureTest reports stray files
        }
        found.add(new Fixture(ruleDir.getFileName().toString(), ruleDir, name, directory, kind, needs, why));
      }
    }
    return found;
  }

  /** The highest "Needs nginx >= X" in the file's leading comment lines, or null. */
  private static NginxVersion neededByNote(Path main) throws IOException {
    NginxVersion max = null;
    for (String line : Files.readAllLines(main, StandardCharsets.UTF_8)) {
      if (!line.startsWith("#")) {
        break;
      }
      Matcher m = NEEDS.matcher(line);
      while (m.find()) {
        NginxVersion v = NginxVersion.parse(m.group(1));
        max = max == null || v.compareTo(max) > 0 ? v : max;
      }
    }
    return max;
  }

  private static Settings settings(Fixture f) {
    Path main = f.directory() ? f.ruleDir().resolve(f.name()).resolve("nginx.conf") : f.ruleDir().resolve(f.name());
    return Fixtures.settingsFromHeader(Fixtures.firstLine(main));
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

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
