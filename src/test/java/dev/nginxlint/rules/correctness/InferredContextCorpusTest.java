package dev.nginxlint.rules.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus checked as a user checks a file (`nginx-lint check FILE`: the context of a snippet
 * is inferred, relative includes resolve beside the nearest nginx.conf): no structural finding,
 * and no unknown-variable, on any file real nginx accepts (MANIFEST.tsv). CorpusAgreementTest
 * gives each file the context nginx was run with; here the linter has to find it, and a guess
 * (a file of only an `if` block: server or location) must not invent an error.
 */
class InferredContextCorpusTest {

  @Test
  void noStructuralFindingOnFilesNginxAccepts() throws Exception {
    List<String> findings = new ArrayList<>();
    int checked = 0;
    for (CorpusAgreementTest.Row r : CorpusAgreementTest.manifest()) {
      boolean ok = r.nginxT().equals("ok") || r.afterStubs().equals("ok");
      // templates are not nginx until rendered; nginx-tests hold Test::Nginx placeholders
      if (!ok || CorpusAgreementTest.context(r) == null || r.path().startsWith("nginx-tests/")) {
        continue;
      }
      checked++;
      String file = CorpusAgreementTest.CORPUS.resolve(r.path()).toString();
      ConfigSet set = new ConfigLoader(NioFileSource.defaultFileSystem(), new PrefixMap()).load(List.of(file));
      List<dev.nginxlint.lint.LintRule> rules = new ArrayList<>(CorpusAgreementTest.RULES);
      rules.add(new UnknownVariable());
      Linter.Result res = new Linter(new Settings().version(CorpusAgreementTest.NGINX), RuleRegistry.rules().running(rules)).run(set);
      assertTrue(res.failures().isEmpty(), () -> r.path() + ": rule failed: " + res.failures());
      for (Finding f : res.findings()) {
        if (rules.stream().anyMatch(x -> x.id().equals(f.rule()))) {
          findings.add(r.path() + ": " + f.file().displayName() + ":" + f.span().line() + " " + f.rule()
              + " " + f.message());
        }
      }
    }
    System.out.println("InferredContextCorpusTest: " + checked + " accepted files checked as snippets/configs,"
        + " " + findings.size() + " structural findings");
    assertTrue(checked > 400, "too few accepted corpus files: " + checked);
    assertEquals(List.of(), findings, "structural findings on files nginx accepts");
  }
}
