package dev.nginxlint.rules.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * unknown-variable and real nginx -t agree on crafted cases (src/test/resources/unknown-variable/
 * cases.tsv): captures and `set` define names for the whole config, names are case-insensitive,
 * families, regex `$` anchors, which directives compile variables. Each case's recorded verdict is
 * checked against nginx itself (fails in CI when nginx is missing) and against the rule.
 */
class UnknownVariableRealNginxTest {

  private record Case(String name, boolean ok, String body) {}

  private static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = UnknownVariableRealNginxTest.class.getResourceAsStream("/unknown-variable/cases.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 3);
        out.add(new Case(f[0], f[1].equals("ok"), f[2]));
      }
    }
    return out;
  }

  private static String config(Case c) {
    return "events {}\nhttp {\n" + c.body() + "\n}\n";
  }

  @Test
  void ruleAgreesWithTheRecordedVerdicts() throws IOException {
    List<String> disagree = new ArrayList<>();
    for (Case c : cases()) {
      Linter.Result r = Fixtures.lintText(new Settings(), List.of(new UnknownVariable()),
          Map.of("nginx.conf", config(c)), "nginx.conf");
      long found = r.findings().stream().map(Finding::rule).filter("unknown-variable"::equals).count();
      if ((found == 0) != c.ok()) {
        disagree.add(c.name() + ": nginx " + (c.ok() ? "accepts" : "rejects") + ", rule found " + found);
      }
    }
    assertEquals(List.of(), disagree);
  }

  @Test
  void recordedVerdictsAreNginxs() throws IOException {
    RealNginx.requireOrSkip();
    List<String> wrong = new ArrayList<>();
    int failing = 0;
    for (Case c : cases()) {
      RealNginx.Result r = RealNginx.testText(config(c), false);
      if (r.ok() != c.ok()) {
        wrong.add(c.name() + ": recorded " + (c.ok() ? "ok" : "fail") + ", nginx: " + r.output());
      }
      if (!c.ok()) {
        failing++;
        if (!r.output().contains("variable")) {
          wrong.add(c.name() + ": nginx fails for another reason: " + r.output());
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(failing >= 10, "too few failing cases: " + failing);
  }
}
