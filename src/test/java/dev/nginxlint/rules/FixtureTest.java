package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.testsupport.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture in {@code fixtures/<rule-id>/} (format: fixtures/README.md) through the
 * engine, one dynamic test per fixture file or directory, grouped by rule:
 *
 * <ul>
 *   <li>{@code bad*.conf} / {@code bad-*}{@code /nginx.conf}: the findings of the rule are exactly
 *       the positions in the matching {@code .expected} (which must exist and not be empty), and
 *       the lines of the {@code .messages} golden file (messages and fix titles; required for
 *       the reliability rules, compared when present for the others);
 *   <li>{@code good*.conf} / {@code good-*}{@code /nginx.conf}: no finding of the rule;
 *   <li>{@code fixed.conf}, {@code bad-*.fixed.conf}, {@code bad-*.fixed/}: no finding of the rule
 *       (see {@link #fixedFixtures});
 *   <li>every fixture: no syntax error (except for syntax-error's own), no unused suppression
 *       (except for unused-suppression's own), no rule that threw.
 * </ul>
 *
 * {@code -Dnginxlint.updateGolden=true} (re)writes the {@code bad*.messages} files (where required
 * or present) from the current output instead of comparing them; {@code -Dnginxlint.fixtureRules=a,b}
 * limits the run to those rule directories.
 */
class FixtureTest {

  private static final boolean UPDATE_GOLDEN = Boolean.getBoolean("nginxlint.updateGolden");
  /** bad, bad-foo, good, good-foo (a .conf file or a directory), but not a fixed one. */
  private static final Pattern TEST_NAME = Pattern.compile("(bad|good)(-[A-Za-z0-9._-]+)?(?<!\\.fixed)");
  private static final Pattern BAD_NAME = Pattern.compile("bad(-[A-Za-z0-9._-]+)?(?<!\\.fixed)");
  /** fixed (the fix of bad), bad-foo.fixed (the fix of bad-foo). */
  private static final Pattern FIXED_NAME = Pattern.compile("fixed|bad(-[A-Za-z0-9._-]+)?\\.fixed");
  private static final Set<String> OTHER_FILES = Set.of("README.md");

  /** One fixture: a .conf file, or a directory whose entry is nginx.conf. */
  private record Fixture(String rule, Path ruleDir, String name, boolean directory) {

    /** bad, bad-foo, good-bar, fixed ... (the name without .conf). */
    String stem() {
      return directory ? name : name.substring(0, name.length() - ".conf".length());
    }

    Path entryFile() {
      return directory ? ruleDir.resolve(name).resolve("nginx.conf") : ruleDir.resolve(name);
    }

    boolean isFixed() {
      return FIXED_NAME.matcher(stem()).matches();
    }

    boolean isBad() {
      return !isFixed() && BAD_NAME.matcher(stem()).matches();
    }

    /** The stem of the bad fixture a fixed one is the fix of. */
    String fixedOf() {
      return stem().equals("fixed") ? "bad" : stem().substring(0, stem().length() - ".fixed".length());
    }

    Path expectedFile() {
      return ruleDir.resolve(stem() + ".expected");
    }

    Path messagesFile() {
      return ruleDir.resolve(stem() + ".messages");
    }

    String label() {
      return directory ? name + "/" : name;
    }
  }

  @TestFactory
  Stream<DynamicNode> fixtures() throws IOException {
    Path root = Fixtures.fixturesDir();
    assertTrue(Files.isDirectory(root), "no fixtures directory at " + root + " (set -Dnginxlint.repo)");
    String only = System.getProperty("nginxlint.fixtureRules", "").trim();
    List<DynamicNode> perRule = new ArrayList<>();
    for (Path ruleDir : list(root)) {
      String rule = ruleDir.getFileName().toString();
      if (!Files.isDirectory(ruleDir) || (!only.isEmpty() && !Set.of(only.split(",")).contains(rule))) {
        continue;
      }
      perRule.add(dynamicContainer(rule, ruleDir.toUri(), ruleTests(rule, ruleDir).stream()));
    }
    assertTrue(!perRule.isEmpty(), "no rule directories under " + root);
    return perRule.stream();
  }

  private List<DynamicNode> ruleTests(String rule, Path ruleDir) throws IOException {
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(dynamicTest("is a registered rule", () -> requireRegistered(rule)));
    List<Fixture> fixtures = new ArrayList<>();
    List<String> stray = new ArrayList<>();
    for (Path p : list(ruleDir)) {
      String n = p.getFileName().toString();
      boolean dir = Files.isDirectory(p);
      String stem = dir ? n : n.endsWith(".conf") ? n.substring(0, n.length() - 5) : null;
      if (stem != null && (TEST_NAME.matcher(stem).matches() || FIXED_NAME.matcher(stem).matches())) {
        Fixture f = new Fixture(rule, ruleDir, n, dir);
        fixtures.add(f);
        if (f.isFixed() && !hasFixture(ruleDir, f.fixedOf())) {
          stray.add(n + " (no bad fixture " + f.fixedOf() + ".conf or " + f.fixedOf() + "/ it is the fix of)");
        }
      } else if (!dir && (n.endsWith(".expected") || n.endsWith(".messages"))) {
        String s = n.substring(0, n.lastIndexOf('.'));
        if (!BAD_NAME.matcher(s).matches() || !hasFixture(ruleDir, s)) {
          stray.add(n + " (no bad fixture " + s + ".conf or " + s + "/ for it)");
        }
      } else if (!OTHER_FILES.contains(n)) {
        stray.add(n + " (not bad*, good*, fixed.conf or bad*.fixed)");
      }
    }
    tests.add(dynamicTest("has no stray files", () ->
        assertTrue(stray.isEmpty(), "fixtures/" + rule + "/ holds files the harness would ignore:\n  "
            + String.join("\n  ", stray))));
    for (Fixture f : fixtures) {
      if (f.isFixed()) {
        tests.addAll(fixedFixtures(f));
      } else {
        tests.add(dynamicTest(f.label(), f.entryFile().toUri(), () -> check(f)));
      }
    }
    return tests;
  }

  /**
   * A fixed fixture ({@code fixed.conf} for bad.conf, {@code bad-foo.fixed.conf} or
   * {@code bad-foo.fixed/} for bad-foo) is the bad fixture with every fix of the rule applied
   * (safe and unsafe). Checked: it lints clean for its rule; applying the fixes to a copy of the
   * bad fixture gives it byte for byte (every file of a directory fixture); and a second pass
   * over the result changes nothing.
   */
  private List<DynamicNode> fixedFixtures(Fixture f) {
    return List.of(
        dynamicTest(f.label() + " (fixed: no finding of the rule)", f.entryFile().toUri(), () -> check(f)),
        dynamicTest(f.label() + " (fixed: equals " + f.fixedOf() + " with all fixes applied, and is stable)",
            f.entryFile().toUri(), () -> checkFixApplies(f)));
  }

  private void checkFixApplies(Fixture f) throws IOException {
    requireRegistered(f.rule());
    boolean dir = Files.isDirectory(f.ruleDir().resolve(f.fixedOf()));
    Path bad = dir ? f.ruleDir().resolve(f.fixedOf()) : f.ruleDir().resolve(f.fixedOf() + ".conf");
    if (!Files.exists(bad)) {
      fail(f.label() + ": no bad fixture " + bad.getFileName() + " for this fixed one");
    }
    Path work = Files.createTempDirectory("nginx-lint-fixed");
    try {
      Path copy = work.resolve(bad.getFileName().toString());
      Fixtures.copyTree(bad, copy);
      Path entry = dir ? copy.resolve("nginx.conf") : copy;
      Settings settings = Fixtures.settingsFromHeader(Fixtures.firstLine(dir ? bad.resolve("nginx.conf") : bad));
      settings.select().add(f.rule());
      applyFixes(work, entry, settings);
      Path expected = dir ? f.ruleDir().resolve(f.name()) : f.ruleDir().resolve(f.name());
      List<String> problems = new ArrayList<>();
      compareTrees(expected, copy, problems);
      if (!problems.isEmpty()) {
        fail(f.label() + ": applying the fixes to " + bad.getFileName() + " does not give this fixture:\n"
            + String.join("\n", problems));
      }
      var second = applyFixes(work, entry, settings);
      assertTrue(second.changes().isEmpty(), f.label() + ": a second pass still changes " + second.changes().keySet());
    } finally {
      Fixtures.deleteTree(work);
    }
  }

  private static dev.nginxlint.fixloop.FixApplier.Result applyFixes(Path cwd, Path entry, Settings settings) throws IOException {
    var src = new dev.nginxlint.include.NioFileSource(cwd.getFileSystem(), cwd);
    var result = new dev.nginxlint.fixloop.FixApplier(src,
        s -> new dev.nginxlint.include.ConfigLoader(s, new dev.nginxlint.include.PrefixMap()),
        new Linter(settings, RuleRegistry.rules()),
        java.util.EnumSet.of(dev.nginxlint.fix.Applicability.SAFE, dev.nginxlint.fix.Applicability.UNSAFE))
        .run(l -> {
          try {
            return l.load(List.of(entry.toString()));
          } catch (dev.nginxlint.include.ConfigLoader.InputException e) {
            throw new AssertionError(e.getMessage());
          }
        });
    for (var c : result.changes().values()) {
      Files.write(c.path(), c.after());
    }
    return result;
  }

  private static void compareTrees(Path expected, Path actual, List<String> problems) throws IOException {
    if (Files.isDirectory(expected)) {
      Set<String> names = new java.util.TreeSet<>();
      try (Stream<Path> s = Files.list(expected)) {
        s.forEach(p -> names.add(p.getFileName().toString()));
      }
      try (Stream<Path> s = Files.list(actual)) {
        s.forEach(p -> names.add(p.getFileName().toString()));
      }
      for (String n : names) {
        compareTrees(expected.resolve(n), actual.resolve(n), problems);
      }
      return;
    }
    if (!Files.exists(expected) || !Files.exists(actual)) {
      problems.add((Files.exists(expected) ? "missing after fixing: " : "not in the fixed fixture: ") + actual.getFileName());
      return;
    }
    byte[] e = Files.readAllBytes(expected);
    byte[] a = Files.readAllBytes(actual);
    if (!java.util.Arrays.equals(e, a)) {
      problems.add(expected.getFileName() + " differs; after fixing it reads:\n"
          + new String(a, StandardCharsets.UTF_8) + "\n--- but the fixture reads:\n" + new String(e, StandardCharsets.UTF_8));
    }
  }

  private static boolean hasFixture(Path ruleDir, String stem) {
    return Files.isRegularFile(ruleDir.resolve(stem + ".conf")) || Files.isDirectory(ruleDir.resolve(stem));
  }

  private static void requireRegistered(String rule) {
    if (RuleRegistry.byId(rule) == null) {
      fail("fixtures/" + rule + "/ is not a registered rule id (registered: " + RuleRegistry.ids() + ")");
    }
  }

  private void check(Fixture f) throws IOException {
    requireRegistered(f.rule());
    Path entry = f.entryFile();
    if (!Files.isRegularFile(entry)) {
      fail(f.label() + ": a directory fixture needs an nginx.conf entry point");
    }
    Settings settings;
    try {
      settings = Fixtures.settingsFromHeader(Fixtures.firstLine(entry));
    } catch (IllegalArgumentException e) {
      throw new AssertionError(f.label() + ": " + e.getMessage(), e);
    }
    Path cwd = f.directory() ? f.ruleDir().resolve(f.name()) : f.ruleDir();
    String input = f.directory() ? "nginx.conf" : f.name();
    Linter.Result result = Fixtures.lintFile(cwd, input, settings);

    List<String> problems = new ArrayList<>();
    for (Linter.RuleFailure failure : result.failures()) {
      problems.add("rule " + failure.rule() + " threw at " + failure.where() + ": " + failure.error());
    }
    List<Finding> own = ofRule(result, f.rule());
    if (!f.rule().equals("syntax-error")) {
      for (Finding s : ofRule(result, "syntax-error")) {
        problems.add("syntax error (fixtures must parse): " + describe(s, f.directory()));
      }
    }
    if (!f.rule().equals("unused-suppression")) {
      for (Finding s : ofRule(result, "unused-suppression")) {
        problems.add("unused suppression: " + describe(s, f.directory()));
      }
    }
    if (f.isBad()) {
      problems.addAll(compareExpected(f, own));
      problems.addAll(compareMessages(f, own));
    } else if (!own.isEmpty()) {
      problems.add("expected no finding of " + f.rule() + ", got:\n    "
          + String.join("\n    ", Fixtures.describe(own, f.directory())));
    }
    if (!problems.isEmpty()) {
      fail("fixtures/" + f.rule() + "/" + f.label() + ":\n  " + String.join("\n  ", problems));
    }
  }

  /** Exactly the positions of the .expected file, in order. */
  private static List<String> compareExpected(Fixture f, List<Finding> own) throws IOException {
    Path file = f.expectedFile();
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      return List.of("no " + name + " next to it (every bad fixture needs one); reported:\n    "
          + String.join("\n    ", Fixtures.describe(own, f.directory())));
    }
    List<String> expected = nonEmptyLines(file);
    if (expected.isEmpty()) {
      return List.of(name + " is empty: a bad fixture must trigger the rule at least once");
    }
    List<String> actual = new ArrayList<>();
    for (Finding x : own) {
      actual.add(Fixtures.position(x, f.directory()));
    }
    if (actual.equals(expected)) {
      return List.of();
    }
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> extra = new ArrayList<>();
    List<String> pending = new ArrayList<>(expected);
    for (Finding x : own) {
      if (!pending.remove(Fixtures.position(x, f.directory()))) {
        extra.add(describe(x, f.directory()));
      }
    }
    StringBuilder sb = new StringBuilder("findings of " + f.rule() + " differ from " + name + ":");
    sb.append("\n    expected: ").append(expected);
    sb.append("\n    actual:   ").append(actual);
    if (!missing.isEmpty()) {
      sb.append("\n    missing (expected, not reported): ").append(missing);
    }
    if (!extra.isEmpty()) {
      sb.append("\n    unexpected (reported, not expected):\n      ").append(String.join("\n      ", extra));
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      sb.append("\n    (same positions, different order: .expected must be sorted as the findings are)");
    }
    sb.append("\n    all findings of the rule:\n      ")
        .append(String.join("\n      ", Fixtures.describe(own, f.directory())));
    return List.of(sb.toString());
  }

  /**
   * The golden .messages file: each finding's position, rule and message, and below it, indented,
   * its fix's applicability and title. Required for the reliability rules (their messages and
   * fixes are what users act on), compared when present for the others; written (where required
   * or present) under -Dnginxlint.updateGolden=true.
   */
  private static List<String> compareMessages(Fixture f, List<Finding> own) throws IOException {
    Path file = f.messagesFile();
    List<String> actual = messages(own, f.directory());
    boolean required = RuleRegistry.byId(f.rule()).meta().category() == Category.RELIABILITY;
    if (UPDATE_GOLDEN) {
      if (required || Files.isRegularFile(file)) {
        StringBuilder text = new StringBuilder();
        for (String l : actual) {
          text.append(l.startsWith("fix ") ? "    " : "").append(l).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
      return List.of();
    }
    if (!Files.isRegularFile(file)) {
      return required ? List.of("no " + file.getFileName() + " next to it: a reliability rule's bad fixtures pin"
          + " their messages and fix titles (write it with -Dnginxlint.updateGolden=true and read it)") : List.of();
    }
    List<String> expected = nonEmptyLines(file);
    if (expected.equals(actual)) {
      return List.of();
    }
    StringBuilder sb = new StringBuilder("messages differ from " + file.getFileName()
        + " (rerun with -Dnginxlint.updateGolden=true to accept):");
    int n = Math.max(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      String e = i < expected.size() ? expected.get(i) : null;
      String a = i < actual.size() ? actual.get(i) : null;
      if (e != null && e.equals(a)) {
        sb.append("\n      ").append(e);
        continue;
      }
      if (e != null) {
        sb.append("\n    - ").append(e);
      }
      if (a != null) {
        sb.append("\n    + ").append(a);
      }
    }
    return List.of(sb.toString());
  }

  /** Per finding: "LINE:COL rule message", then "fix (APPLICABILITY): title" when it has a fix. */
  private static List<String> messages(List<Finding> own, boolean withFile) {
    List<String> out = new ArrayList<>();
    for (Finding x : own) {
      out.add(describe(x, withFile));
      if (x.fix() != null) {
        out.add("fix (" + x.fix().applicability().label() + "): " + x.fix().title());
      }
    }
    return out;
  }

  private static List<Finding> ofRule(Linter.Result result, String rule) {
    return result.findings().stream().filter(x -> x.rule().equals(rule)).sorted(POSITION).toList();
  }

  /** Sorted as the .expected files are: by file, then line, then column. */
  private static final Comparator<Finding> POSITION = Comparator
      .comparing((Finding x) -> x.file().displayName())
      .thenComparingInt(x -> x.span().line())
      .thenComparingInt(x -> x.span().column());

  private static String describe(Finding x, boolean withFile) {
    return Fixtures.describe(List.of(x), withFile).get(0);
  }

  private static List<String> nonEmptyLines(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }
}
