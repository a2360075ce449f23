package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.nginxlint.cli.Io;
import dev.nginxlint.cli.Main;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.testsupport.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule catalog is complete and consistent: each registered rule has an id, metadata, a
 * final class, a doc with the fixed headings, fixtures, and the CLI can show it; nothing in
 * rules/ or fixtures/ belongs to no rule.
 */
class RuleCatalogTest {

  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern RULE_ANNOTATION = Pattern.compile("(?m)^@Rule\\(\\s*id\\s*=\\s*\"([^\"]+)\"");

  static List<String> headingsFor(String id) {
    return List.of("# " + id, "## What it does", "## Why is this bad?", "## Example", "## Use instead",
        "## Fix safety", "## Options", "## References");
  }

  @TestFactory
  Stream<DynamicNode> everyRule() {
    return RuleRegistry.all().stream().map(r -> dynamicContainer(r.getClass().getSimpleName(), Stream.of(
        dynamicTest("has @Rule and a kebab-case id", () -> metadata(r)),
        dynamicTest("class is final", () -> assertTrue(Modifier.isFinal(r.getClass().getModifiers()),
            r.getClass().getName() + " must be final")),
        dynamicTest("doc has the headings", () -> doc(r.id())),
        dynamicTest("has bad and good fixtures", () -> fixtures(r.id())),
        dynamicTest("fix availability matches the fixed fixtures", () -> fixAvailability(r)),
        dynamicTest("`nginx-lint rule` prints the doc", () -> ruleCommand(r.id())))));
  }

  private static void metadata(LintRule r) {
    Rule meta = r.getClass().getAnnotation(Rule.class);
    assertNotNull(meta, r.getClass().getName() + " lacks @Rule");
    assertTrue(KEBAB.matcher(meta.id()).matches(), "rule id is not kebab-case: \"" + meta.id() + "\"");
    assertNotNull(meta.category(), meta.id() + ": no category");
  }

  private static void doc(String id) throws IOException {
    Path doc = Fixtures.rulesDocDir().resolve(id + ".md");
    assertTrue(Files.isRegularFile(doc), "missing doc rules/" + id + ".md");
    List<String> headings = headings(Files.readString(doc, StandardCharsets.UTF_8));
    assertEquals(String.join("\n", headingsFor(id)), String.join("\n", headings),
        "rules/" + id + ".md must have exactly these headings, in this order");
  }

  /** The ATX headings of a markdown text, outside fenced code blocks. */
  static List<String> headings(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      String l = line.stripTrailing();
      if (l.startsWith("```") || l.startsWith("~~~")) {
        fenced = !fenced;
      } else if (!fenced && l.matches("#{1,6}( .*)?")) {
        out.add(l);
      }
    }
    return out;
  }

  private static void fixtures(String id) throws IOException {
    Path dir = Fixtures.fixturesDir().resolve(id);
    assertTrue(Files.isDirectory(dir), "missing fixtures/" + id + "/");
    boolean bad = false;
    boolean good = false;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        boolean fixture = Files.isDirectory(p) ? Files.isRegularFile(p.resolve("nginx.conf")) : n.endsWith(".conf");
        String stem = n.endsWith(".conf") ? n.substring(0, n.length() - 5) : n;
        if (!fixture || stem.endsWith(".fixed")) {
          continue;
        }
        bad |= stem.equals("bad") || stem.startsWith("bad-");
        good |= stem.equals("good") || stem.startsWith("good-");
      }
    }
    assertTrue(bad, "fixtures/" + id + "/ has no bad fixture (bad.conf, bad-*.conf or bad-*/nginx.conf)");
    assertTrue(good, "fixtures/" + id + "/ has no good fixture (good.conf, good-*.conf or good-*/nginx.conf)");
  }

  /**
   * A rule declared without fixes has no fixed fixture; one declared with fixes (always or
   * sometimes) shows at least one, which FixtureTest then applies and checks.
   */
  private static void fixAvailability(LintRule r) throws IOException {
    FixAvailability declared = r.getClass().getAnnotation(Rule.class).fix();
    Path dir = Fixtures.fixturesDir().resolve(r.id());
    long fixed;
    try (Stream<Path> s = Files.list(dir)) {
      // fixed.conf (of bad.conf), bad-x.fixed.conf, or a directory fixture's bad-x.fixed/
      fixed = s.map(p -> p.getFileName().toString())
          .filter(n -> n.equals("fixed.conf") || n.endsWith(".fixed.conf") || n.endsWith(".fixed")).count();
    }
    if (declared == FixAvailability.NONE) {
      assertEquals(0, fixed, r.id() + " declares fix = NONE but fixtures/" + r.id() + "/ has fixed fixtures");
    } else {
      assertTrue(fixed > 0, r.id() + " declares fix = " + declared + " but fixtures/" + r.id()
          + "/ has no fixed.conf, *.fixed.conf or *.fixed/ showing one");
    }
  }

  private static void ruleCommand(String id) throws IOException {
    Run r = cli("rule", id);
    assertEquals(0, r.code, "nginx-lint rule " + id + " failed: " + r.err);
    String doc = Files.readString(Fixtures.rulesDocDir().resolve(id + ".md"), StandardCharsets.UTF_8);
    assertTrue(r.out.startsWith(doc), "nginx-lint rule " + id + " must print rules/" + id + ".md");
    // then the options from the rule's declaration, one line each, when it declares any
    String rest = r.out.substring(doc.length());
    List<RuleOption> declared = RuleOptions.of(RuleRegistry.byId(id));
    if (declared.isEmpty()) {
      assertEquals("", rest, id + " declares no options");
    } else {
      assertTrue(rest.startsWith("\n## Declared options\n\n"), rest);
      for (RuleOption o : declared) {
        assertTrue(rest.contains("- `" + o.name() + "` ("), id + " prints option " + o.name() + ": " + rest);
      }
    }
  }

  @Test
  void rulesCommandListsEveryRule() {
    Run r = cli("rules");
    assertEquals(0, r.code, r.err);
    Set<String> listed = new HashSet<>();
    for (String line : r.out.split("\n")) {
      listed.add(line.split("\\s+")[0]);
    }
    for (String id : RuleRegistry.ids()) {
      assertTrue(listed.contains(id), "`nginx-lint rules` does not list " + id + ":\n" + r.out);
    }
  }

  @Test
  void ruleCommandRejectsAnUnknownRule() {
    Run r = cli("rule", "no-such-rule");
    assertEquals(2, r.code);
    assertEquals("", r.out);
    assertTrue(r.err.contains("unknown rule \"no-such-rule\""), r.err);
  }

  @Test
  void idsAreUnique() {
    List<String> ids = RuleRegistry.all().stream().map(LintRule::id).toList();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate rule ids: " + ids);
  }

  @Test
  void everyFixtureDirBelongsToARule() throws IOException {
    List<String> orphans = new ArrayList<>();
    try (Stream<Path> s = Files.list(Fixtures.fixturesDir())) {
      for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
        String n = p.getFileName().toString();
        if (RuleRegistry.byId(n) == null) {
          orphans.add("fixtures/" + n + "/");
        }
      }
    }
    assertTrue(orphans.isEmpty(), "not a registered rule id: " + orphans);
  }

  @Test
  void everyDocBelongsToARule() throws IOException {
    List<String> orphans = new ArrayList<>();
    try (Stream<Path> s = Files.list(Fixtures.rulesDocDir())) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (!n.endsWith(".md") || RuleRegistry.byId(n.substring(0, n.length() - 3)) == null) {
          orphans.add("rules/" + n);
        }
      }
    }
    assertTrue(orphans.isEmpty(), "rules/ holds files of no registered rule: " + orphans);
  }

  /** Every class under rules/ that carries @Rule is in the registry (the registry is hand-written). */
  @Test
  void everyAnnotatedRuleClassIsRegistered() throws IOException {
    Path src = Fixtures.repo().resolve("src/main/java/dev/nginxlint/rules");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = RULE_ANNOTATION.matcher(Files.readString(p, StandardCharsets.UTF_8));
        while (m.find()) {
          if (RuleRegistry.byId(m.group(1)) == null) {
            missing.add(m.group(1) + " (" + src.relativize(p) + ")");
          }
        }
      }
    }
    assertTrue(missing.isEmpty(), "@Rule classes missing from RuleRegistry: " + missing);
  }

  /** tools/new-rule plants TODO(new-rule) wherever the author still has work; none may be left. */
  @Test
  void noScaffoldedRuleIsLeftHalfDone() throws IOException {
    List<String> left = scaffoldMarkers(Fixtures.repo());
    assertTrue(left.isEmpty(), "TODO(new-rule) left by tools/new-rule (see CONTRIBUTING.md) in: " + left);
  }

  /** The files under src/main/java, rules/ and fixtures/ of a checkout that hold the scaffold's marker. */
  static List<String> scaffoldMarkers(Path root) throws IOException {
    List<String> left = new ArrayList<>();
    for (String dir : List.of("src/main/java", "rules", "fixtures")) {
      Path base = root.resolve(dir);
      if (!Files.isDirectory(base)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(base)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("TODO(new-rule)")) {
            left.add(root.relativize(p).toString().replace('\\', '/'));
          }
        }
      }
    }
    return left;
  }

  @Test
  void headingParserSkipsCodeFences() {
    assertEquals(List.of("# x", "## A"), headings("# x\n```nginx\n# a.conf\n```\n## A\n    # indented\n"));
  }

  private record Run(int code, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var fs = FileSystems.getDefault();
    int code = Main.run(new Io(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
        fs, fs.getPath("").toAbsolutePath()), args);
    return new Run(code, out.toString(), err.toString());
  }
}
