package dev.nginxlint.report;

import dev.nginxlint.Version;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.rules.LintRule;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0 as GitHub code scanning reads it. */
public final class SarifReporter implements Reporter {

  @Override
  public void write(Linter.Result result, PrintWriter out) {
    List<Object> rules = new ArrayList<>();
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (LintRule r : RuleRegistry.all()) {
      String id = r.id();
      ruleIndex.put(id, rules.size());
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", id);
      rule.put("name", id);
      rule.put("shortDescription", Map.of("text", RuleText.shortDescription(id)));
      rule.put("fullDescription", Map.of("text", RuleText.fullDescription(id)));
      Map<String, Object> help = new LinkedHashMap<>();
      help.put("text", RuleText.markdown(id));
      help.put("markdown", RuleText.markdown(id));
      rule.put("help", help);
      rule.put("helpUri", Docs.url(id));
      rule.put("defaultConfiguration", Map.of("level", level(r.meta().severity())));
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("tags", List.of(r.meta().category().label(), "nginx"));
      props.put("precision", "high");
      rule.put("properties", props);
      rules.add(rule);
    }
    Map<SourceFile, Map<Integer, String>> hashes = new IdentityHashMap<>();
    List<Object> results = new ArrayList<>();
    for (Finding f : result.findings()) {
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("ruleId", f.rule());
      Integer idx = ruleIndex.get(f.rule());
      if (idx != null) {
        res.put("ruleIndex", idx);
      }
      res.put("level", level(f.severity()));
      res.put("message", Map.of("text", f.message()));
      Map<String, Object> region = new LinkedHashMap<>();
      region.put("startLine", f.span().line());
      region.put("startColumn", f.span().column());
      region.put("endLine", f.span().endLine());
      region.put("endColumn", Math.max(f.span().endColumn(), f.span().endLine() == f.span().line() ? f.span().column() + 1 : 1));
      Map<String, Object> artifact = new LinkedHashMap<>();
      artifact.put("uri", uri(f.file()));
      artifact.put("uriBaseId", "%SRCROOT%");
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", artifact);
      physical.put("region", region);
      res.put("locations", List.of(Map.of("physicalLocation", physical)));
      String hash = hashes.computeIfAbsent(f.file(), sf -> Fingerprints.lineHashes(sf.text(0, sf.size())))
          .get(f.span().line());
      if (hash != null) {
        res.put("partialFingerprints", Map.of("primaryLocationLineHash", hash));
      }
      results.add(res);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "nginx-lint");
    driver.put("semanticVersion", Version.VERSION);
    driver.put("informationUri", Docs.BASE.replace("/blob/main/rules/", ""));
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("automationDetails", Map.of("id", "nginx-lint/"));
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    out.println(Json.write(root));
  }

  /** Repo-relative URI of the file with symlinks resolved (GitHub hides alerts on link paths). */
  private static String uri(SourceFile f) {
    Path cwd = Path.of("").toAbsolutePath();
    Path p = f.path();
    try {
      if (p.getFileSystem() == cwd.getFileSystem()) {
        p = p.toRealPath();
        Path realCwd = cwd.toRealPath();
        if (p.startsWith(realCwd)) {
          return realCwd.relativize(p).toString().replace('\\', '/');
        }
      }
    } catch (IOException | RuntimeException e) {
      // not a real file (stdin, nginx -T dump): use the name as given
    }
    String name = f.displayName();
    return name.startsWith("/") ? "file://" + name : name;
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
