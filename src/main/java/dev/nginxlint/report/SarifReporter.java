package dev.nginxlint.report;

import dev.nginxlint.Json;
import dev.nginxlint.Version;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0 as GitHub code scanning reads it. */
public final class SarifReporter implements Reporter {

  @Override
  public void write(Linter.Result result, PrintWriter out) {
    // Only the rules the results refer to: GitHub reads the descriptors of reported rules,
    // and the report stays small (and stable when unrelated rules or their docs change).
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      ruleIndex.putIfAbsent(f.rule(), ruleIndex.size());
    }
    List<Object> rules = new ArrayList<>();
    for (String id : ruleIndex.keySet()) {
      LintRule r = RuleRegistry.byId(id);
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", id);
      rule.put("name", id);
      rule.put("shortDescription", Map.of("text", RuleText.shortDescription(id)));
      rule.put("fullDescription", Map.of("text", RuleText.fullDescription(id)));
      Map<String, Object> help = new LinkedHashMap<>();
      help.put("text", RuleText.markdown(id));
      help.put("markdown", RuleText.markdown(id));
      rule.put("help", help);
      if (RuleText.hasDoc(id) && Docs.url(id) != null) {
        rule.put("helpUri", Docs.url(id));
      }
      if (r != null) {
        rule.put("defaultConfiguration", Map.of("level", level(r.meta().severity())));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("tags", List.of(r.meta().category().label(), "nginx"));
        props.put("precision", "high");
        rule.put("properties", props);
      }
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
      String uri = uri(f.file());
      artifact.put("uri", uri);
      if (!uri.startsWith("file:")) {
        artifact.put("uriBaseId", "%SRCROOT%");
      }
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", artifact);
      physical.put("region", region);
      res.put("locations", List.of(Map.of("physicalLocation", physical)));
      if (!f.related().isEmpty()) {
        List<Object> related = new ArrayList<>();
        int id = 0;
        for (Finding.Related r : f.related()) {
          Map<String, Object> rel = new LinkedHashMap<>();
          rel.put("id", id++);
          Map<String, Object> rArtifact = new LinkedHashMap<>();
          String rUri = uri(r.file());
          rArtifact.put("uri", rUri);
          if (!rUri.startsWith("file:")) {
            rArtifact.put("uriBaseId", "%SRCROOT%");
          }
          Map<String, Object> rRegion = new LinkedHashMap<>();
          rRegion.put("startLine", r.span().line());
          rRegion.put("startColumn", r.span().column());
          Map<String, Object> rPhysical = new LinkedHashMap<>();
          rPhysical.put("artifactLocation", rArtifact);
          rPhysical.put("region", rRegion);
          rel.put("physicalLocation", rPhysical);
          rel.put("message", Map.of("text", r.message()));
          related.add(rel);
        }
        res.put("relatedLocations", related);
      }
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
    if (Docs.base() != null) {
      driver.put("informationUri", Docs.base());
    }
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

  /**
   * The file's URI relative to the working directory of the run, with symlinks resolved (GitHub
   * hides alerts on link paths, e.g. sites-enabled/ into sites-available/), percent-encoded as
   * RFC 3986 asks (GitHub decodes it). Files outside the working directory get a file: URI.
   */
  static String uri(SourceFile f) {
    String name = f.displayName();
    Path p = f.path();
    try {
      Path shown = p.getFileSystem().getPath(name);
      if (!shown.isAbsolute() && p.isAbsolute() && p.endsWith(shown)) {
        // the run's working directory: the path less the part that is shown
        Path cwd = p.getRoot();
        for (int i = 0; i < p.getNameCount() - shown.getNameCount(); i++) {
          cwd = cwd.resolve(p.getName(i).toString());
        }
        Path real = p.toRealPath();
        Path realCwd = cwd.toRealPath();
        if (real.startsWith(realCwd) && !real.equals(realCwd)) {
          return encodePath(realCwd.relativize(real).toString().replace('\\', '/'));
        }
        return fileUri(real.toString());
      }
      if (p.isAbsolute() && Files.exists(p)) {
        return fileUri(p.toRealPath().toString());
      }
    } catch (IOException | RuntimeException e) {
      // not a real file (stdin, nginx -T dump): use the name as given
    }
    return name.startsWith("/") ? fileUri(name) : encodePath(name.replace('\\', '/'));
  }

  private static String fileUri(String absolute) {
    return "file://" + encodePath(absolute.replace('\\', '/'));
  }

  /** Percent-encodes all but unreserved characters and '/' (so ':' never reads as a scheme). */
  static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return sb.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
