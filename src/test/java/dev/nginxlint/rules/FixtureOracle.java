package dev.nginxlint.rules;

import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What real nginx must say about each fixture (fixtures/README.md), shared by the tests that ask
 * the system's nginx (FixtureVerdictTest) and a newer one (NewerNginxFixtureTest): which fixtures
 * there are, which nginx version each needs, and which rules' bad fixtures nginx rejects by nature.
 */
final class FixtureOracle {
  private FixtureOracle() {}

  /** The system nginx's version (Debian bookworm's nginx-extras): the main oracle. */
  static final NginxVersion SYSTEM_NGINX = new NginxVersion(1, 22, 1);

  /**
   * How nginx rejects a bad fixture of a rule about what nginx -t refuses: its [emerg] message
   * ({@code message}; null: any failure, e.g. include-cycle, whose recursion crashes nginx), and
   * whether nginx names a line the rule reports ({@code atReportedLine}; not for checks nginx runs
   * when it merges a block, or for variables it resolves after reading the file).
   */
  record Rejection(Pattern message, boolean atReportedLine) {}

  /**
   * Rules whose bad fixtures nginx -t rejects by nature: the structural rules report what nginx
   * -t refuses (CorpusAgreementTest holds them to nginx's verdicts); directive-version's use
   * directives their target version lacks, which another nginx may have or may have removed;
   * upstream-static-dns's name hosts that resolve only in the deployment's network (Docker's DNS),
   * which nginx resolves at start-up.
   */
  static final Map<String, Rejection> REJECTED_BY_NATURE = Map.ofEntries(
      Map.entry("unknown-directive", new Rejection(Pattern.compile("^unknown directive "), true)),
      Map.entry("directive-version", new Rejection(Pattern.compile("^unknown directive |^invalid parameter "), true)),
      Map.entry("directive-not-allowed-here", new Rejection(Pattern.compile("directive is not allowed here$"), true)),
      Map.entry("invalid-argument-count", new Rejection(Pattern.compile("^invalid number of arguments "), true)),
      Map.entry("invalid-flag-value", new Rejection(Pattern.compile("^invalid value "), true)),
      Map.entry("duplicate-directive", new Rejection(Pattern.compile("directive is duplicate"), true)),
      Map.entry("block-mismatch", new Rejection(Pattern.compile("^unexpected |has no opening \"\\{\"$"), true)),
      Map.entry("syntax-error", new Rejection(Pattern.compile("^unexpected "), false)),
      Map.entry("include-not-found", new Rejection(Pattern.compile("^open\\(\\) \"[^\"]+\" failed"), true)),
      Map.entry("include-cycle", new Rejection(null, false)),
      Map.entry("unknown-variable", new Rejection(Pattern.compile("^unknown \"[^\"]+\" variable$"), false)),
      Map.entry("proxy-buffer-sizes", new Rejection(Pattern.compile(
          "must be less than the size of all|there must be at least 2|must be equal to or greater than|must be less than"),
          false)),
      Map.entry("upstream-static-dns", new Rejection(Pattern.compile("^host not found in upstream "), true)));

  static final Pattern EMERG = Pattern.compile("(?m)^\\[emerg\\] (.*?)(?: in (/\\S+):(\\d+))?$");
  private static final Pattern FIXED_NAME = Pattern.compile("fixed|bad(-[A-Za-z0-9._-]+)?\\.fixed");
  private static final Pattern NEEDS = Pattern.compile("Needs nginx >= (\\d+\\.\\d+(?:\\.\\d+)?)");

  enum Kind { BAD, GOOD, FIXED }

  /**
   * One fixture: a .conf file or a directory whose entry is nginx.conf; {@code needs} the nginx
   * above the system's it is written for (null: the system's), {@code why} where that was read.
   */
  record Fixture(String rule, Path ruleDir, String name, boolean directory, Kind kind, NginxVersion needs,
      String why) {

    String stem() {
      return directory ? name : name.substring(0, name.length() - ".conf".length());
    }

    String label() {
      return rule + "/" + name + (directory ? "/" : "");
    }

    /** The path under fixtures/ of the entry nginx reads. */
    String entry() {
      return rule + "/" + name + (directory ? "/nginx.conf" : "");
    }

    Path main() {
      return directory ? ruleDir.resolve(name).resolve("nginx.conf") : ruleDir.resolve(name);
    }

    Settings settings() {
      return Fixtures.settingsFromHeader(Fixtures.firstLine(main()));
    }

    /** The bad fixture a fixed one is the fix of (file or directory name). */
    String badName() {
      String bad = stem().equals("fixed") ? "bad" : stem().substring(0, stem().length() - ".fixed".length());
      return directory ? bad : bad + ".conf";
    }
  }

  /**
   * Every fixture, in rule-directory order, then by name. One needs a newer nginx than the system's
   * when its header names an nginx-version above it, or its leading comment says "Needs nginx >= X".
   */
  static List<Fixture> all() throws IOException {
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

  /**
   * Null when nginx's rejection of {@code f} is the one its rule explains, else what is wrong.
   * {@code base}: the directory the fixture's files were read from (for a directory fixture's
   * file names in nginx's message).
   */
  static String rejectionProblem(Fixture f, RealNginx.Result r, Path base) throws IOException {
    String messages = r.messages().strip();
    if (f.kind() != Kind.BAD) {
      return "a " + f.kind().name().toLowerCase(Locale.ROOT) + " fixture must pass nginx -t: " + messages;
    }
    Rejection expected = REJECTED_BY_NATURE.get(f.rule());
    if (expected == null) {
      return "nginx -t rejects it, and " + f.rule() + " is not a rule whose bad fixtures nginx rejects"
          + " (FixtureOracle.REJECTED_BY_NATURE): " + messages;
    }
    if (expected.message() == null) {
      return null;
    }
    Matcher m = EMERG.matcher(r.messages());
    if (!m.find()) {
      return "nginx -t failed without an [emerg] line: " + messages;
    }
    if (!expected.message().matcher(m.group(1)).find()) {
      return "rejected for another reason than " + f.rule() + "'s (" + expected.message() + "): " + messages;
    }
    if (!expected.atReportedLine()) {
      return null;
    }
    if (m.group(2) == null) {
      return "nginx names no line: " + messages;
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

  /** The message of nginx's first [emerg] line (without its place), or all it said. */
  static String firstEmerg(RealNginx.Result r) {
    Matcher m = EMERG.matcher(r.messages());
    return m.find() ? m.group(1) + (m.group(3) != null ? " at line " + m.group(3) : "") : r.messages().strip();
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

  /** The highest "Needs nginx >= X" in the file's leading comment lines, or null. */
  private static NginxVersion neededByNote(Path main) throws IOException {
    NginxVersion max = null;
    for (String line : Files.readAllLines(main, StandardCharsets.ISO_8859_1)) {
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

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
