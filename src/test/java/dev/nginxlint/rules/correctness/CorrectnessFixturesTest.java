package dev.nginxlint.rules.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.rules.RuleDocs;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** fixtures/<id>/ of the correctness rules, in the format of fixtures/README.md; and their docs. */
class CorrectnessFixturesTest {

  static final Path REPO = Path.of(System.getProperty("nginxlint.repo", "."));
  static final List<String> IDS = List.of("unknown-directive", "directive-not-allowed-here",
      "invalid-argument-count", "invalid-flag-value", "duplicate-directive", "block-mismatch",
      "directive-version", "deprecated-directive", "module-not-default");

  static List<String> lint(Path conf, String id) throws Exception {
    // the one header reader of the fixture harness, so both harnesses read the same keys
    Settings settings = dev.nginxlint.testsupport.Fixtures.settingsFromHeader(
        Files.readAllLines(conf, StandardCharsets.ISO_8859_1).get(0));
    var set = new ConfigLoader(NioFileSource.defaultFileSystem(), new PrefixMap()).load(List.of(conf.toString()));
    var res = new Linter(settings, RuleRegistry.rules()).run(set);
    assertEquals(List.of(), res.failures(), conf.toString());
    List<String> out = new ArrayList<>();
    for (Finding f : res.findings()) {
      if (f.rule().equals(id)) {
        out.add(f.span().line() + ":" + f.span().column());
      }
    }
    return out;
  }

  @Test
  void fixtures() throws Exception {
    for (String id : IDS) {
      Path dir = REPO.resolve("fixtures").resolve(id);
      int bad = 0;
      int good = 0;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String n = f.getFileName().toString();
          if (!n.endsWith(".conf") || n.endsWith(".fixed.conf")) {
            continue; // bad-*.fixed.conf: checked by FixtureTest
          }
          if (n.startsWith("bad")) {
            bad++;
            Path exp = dir.resolve(n.replaceFirst("\\.conf$", ".expected"));
            List<String> want = Files.readAllLines(exp, StandardCharsets.UTF_8);
            assertEquals(want, lint(f, id), id + "/" + n);
          } else if (n.startsWith("good")) {
            good++;
            assertEquals(List.of(), lint(f, id), id + "/" + n);
          }
        }
      }
      assertTrue(bad > 0 && good > 0, id + ": needs bad and good fixtures");
    }
  }

  @Test
  void registeredAndDocumented() {
    for (String id : IDS) {
      LintRule r = RuleRegistry.byId(id);
      assertTrue(r != null, id + " not registered");
      String doc = RuleDocs.read(id);
      assertTrue(doc != null, id + ": no rules/" + id + ".md");
      List<String> headings = new ArrayList<>();
      boolean fenced = false;
      for (String l : doc.lines().toList()) {
        fenced ^= l.startsWith("```");
        if (!fenced && l.startsWith("#")) {
          headings.add(l);
        }
      }
      assertEquals(List.of("# " + id, "## What it does", "## Why is this bad?", "## Example", "## Use instead",
          "## Fix safety", "## Options", "## References"), headings, id);
    }
  }
}
