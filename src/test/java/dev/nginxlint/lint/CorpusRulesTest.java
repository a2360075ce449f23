package dev.nginxlint.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every rule over every corpus file (each file as the entry of its own check, the way a user
 * names files): no rule may throw, and the findings per rule and source are printed so a person
 * can look for false positives (the rules' authors sampled them by hand).
 */
class CorpusRulesTest {

  private static final Path CORPUS = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus");

  @Test
  void noRuleThrowsOnAnyCorpusFileAndCountsArePrinted() throws IOException {
    List<String> rows = Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int files = 0;
    for (String row : rows.subList(1, rows.size())) {
      String path = row.split("\t", -1)[0];
      String source = path.substring(0, path.indexOf('/'));
      Path file = CORPUS.resolve(path);
      NioFileSource src = new NioFileSource(FileSystems.getDefault(), file.getParent());
      ConfigSet set;
      try {
        set = new ConfigLoader(src, new PrefixMap()).load(List.of(file.toString()));
      } catch (ConfigLoader.InputException e) {
        failures.add(path + ": cannot load: " + e.getMessage());
        continue;
      }
      files++;
      Linter.Result result = new Linter(new Settings(), RuleRegistry.rules()).run(set);
      for (Linter.RuleFailure f : result.failures()) {
        failures.add(path + ": rule " + f.rule() + " threw at " + f.where() + ": " + f.error());
      }
      Map<String, Integer> perRule = counts.computeIfAbsent(source, k -> new TreeMap<>());
      for (Finding f : result.findings()) {
        perRule.merge(f.rule(), 1, Integer::sum);
      }
    }
    StringBuilder table = new StringBuilder("CorpusRulesTest: findings per source and rule (" + files + " files)\n");
    counts.forEach((source, perRule) -> table.append(String.format("  %-34s %s%n", source, perRule)));
    System.out.print(table);
    assertTrue(files > 1000, "corpus not found or too small at " + CORPUS);
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
  }
}
