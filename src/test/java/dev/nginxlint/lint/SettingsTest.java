package dev.nginxlint.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.cli.ProjectConfig;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.read.UnusedSuppression;
import dev.nginxlint.testsupport.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule selection, severities and threshold (Settings), and reading .nginx-lint.yml (ProjectConfig). */
class SettingsTest {

  private static final Category REL = Category.RELIABILITY;
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private static Settings settings(List<String> select, List<String> ignore) {
    Settings s = new Settings();
    s.select().addAll(select);
    s.ignore().addAll(ignore);
    return s;
  }

  // ---- selection ----

  @Test
  void nothingSelectedMeansEverything() {
    Settings s = new Settings();
    assertTrue(s.enabled("upstream-keepalive", REL));
    assertTrue(s.enabled("syntax-error", Category.SYNTAX));
  }

  @Test
  void selectById() {
    Settings s = settings(List.of("upstream-keepalive"), List.of());
    assertTrue(s.enabled("upstream-keepalive", REL));
    assertFalse(s.enabled("upstream-max-fails", REL));
    assertFalse(s.enabled("syntax-error", Category.SYNTAX));
  }

  @Test
  void selectByCategoryIgnoringCase() {
    Settings s = settings(List.of("Reliability"), List.of());
    assertTrue(s.enabled("upstream-keepalive", REL));
    assertFalse(s.enabled("syntax-error", Category.SYNTAX));
  }

  @Test
  void ignoreByIdAndByCategory() {
    Settings s = settings(List.of(), List.of("upstream-keepalive", "include"));
    assertFalse(s.enabled("upstream-keepalive", REL));
    assertTrue(s.enabled("upstream-max-fails", REL));
    assertFalse(s.enabled("include-not-found", Category.INCLUDE));
  }

  @Test
  void aSelectedIdBeatsAnIgnoredCategory() {
    Settings s = settings(List.of("upstream-keepalive"), List.of("reliability"));
    assertTrue(s.enabled("upstream-keepalive", REL));
    assertFalse(s.enabled("upstream-max-fails", REL));
  }

  @Test
  void anIgnoredIdBeatsASelectedCategory() {
    Settings s = settings(List.of("reliability"), List.of("upstream-keepalive"));
    assertFalse(s.enabled("upstream-keepalive", REL));
    assertTrue(s.enabled("upstream-max-fails", REL));
  }

  @Test
  void aSelectedCategoryBeatsIgnoreAll() {
    Settings s = settings(List.of("syntax"), List.of("all"));
    assertTrue(s.enabled("syntax-error", Category.SYNTAX));
    assertFalse(s.enabled("upstream-keepalive", REL));
  }

  @Test
  void onATieIgnoreWins() {
    assertFalse(settings(List.of("upstream-keepalive"), List.of("upstream-keepalive")).enabled("upstream-keepalive", REL));
    assertFalse(settings(List.of("reliability"), List.of("reliability")).enabled("upstream-keepalive", REL));
  }

  // ---- severity and threshold ----

  @Test
  void severityOverrideAndFallback() {
    Settings s = new Settings();
    s.severities().put("upstream-keepalive", Severity.ERROR);
    assertEquals(Severity.ERROR, s.severityOf("upstream-keepalive", Severity.WARNING));
    assertEquals(Severity.WARNING, s.severityOf("upstream-max-fails", Severity.WARNING));
  }

  @Test
  void severityNames() {
    assertEquals(Severity.WARNING, Severity.parse("warn"));
    assertEquals(Severity.INFO, Severity.parse("NOTE"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Severity.parse("fatal"));
    assertEquals("unknown severity \"fatal\" (use error, warning or info)", e.getMessage());
  }

  /** Reports every add_header at warning. */
  @Rule(id = "fake-warning", category = Category.RELIABILITY)
  static final class FakeWarningRule implements DirectiveRule {
    @Override
    public Set<String> directives() {
      return Set.of("add_header");
    }

    @Override
    public void check(Directive directive, RuleContext ctx) {
      ctx.report(this, directive, "header");
    }
  }

  private static List<String> run(Settings s) {
    Linter.Result r = Fixtures.lintText(s, List.of(new FakeWarningRule(), new UnusedSuppression()),
        Map.of("nginx.conf", "events {}\nhttp { add_header A 1; }\n"), "nginx.conf");
    return r.findings().stream().map(f -> f.rule() + " " + f.severity().label()).toList();
  }

  @Test
  void thresholdDropsFindingsBelowIt() {
    assertEquals(List.of("fake-warning warning"), run(new Settings()));
    assertEquals(List.of("fake-warning warning"), run(new Settings().threshold(Severity.WARNING)));
    assertEquals(List.of(), run(new Settings().threshold(Severity.ERROR)));
  }

  @Test
  void thresholdAppliesToTheOverriddenSeverity() {
    Settings s = new Settings().threshold(Severity.ERROR);
    s.severities().put("fake-warning", Severity.ERROR);
    assertEquals(List.of("fake-warning error"), run(s));
  }

  @Test
  void deselectedRulesDoNotRun() {
    assertEquals(List.of(), run(settings(List.of("syntax"), List.of())));
  }

  // ---- .nginx-lint.yml ----

  private Path yml(String dir, String text) throws IOException {
    Path d = fs.getPath(dir);
    Files.createDirectories(d);
    Path p = d.resolve(ProjectConfig.NAME);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsEveryKey() throws IOException {
    Path file = yml("/repo", """
        nginx-version: 1.29.7
        select: [reliability, syntax]
        ignore: proxy-timeouts-default, upstream-max-fails
        severity: {upstream-keepalive: error}
        rules:
          worker-connections-low: {min-connections: 2048, severity: info}
        prefix: {/etc/nginx: conf}
        """);
    Settings s = new Settings();
    PrefixMap prefixes = new PrefixMap();
    assertEquals("1.29.7", ProjectConfig.apply(file, s, prefixes));
    assertEquals(List.of("reliability", "syntax"), s.select());
    assertEquals(List.of("proxy-timeouts-default", "upstream-max-fails"), s.ignore());
    assertEquals(Severity.ERROR, s.severityOf("upstream-keepalive", Severity.WARNING));
    assertEquals(Severity.INFO, s.severityOf("worker-connections-low", Severity.WARNING));
    assertEquals("2048", s.option("worker-connections-low", "min-connections"));
    assertNull(s.option("worker-connections-low", "severity"));
    // the prefix target is relative to the config file
    assertEquals("/repo/conf/nginx.conf", prefixes.map("/etc/nginx/nginx.conf"));
  }

  @Test
  void anEmptyFileChangesNothing() throws IOException {
    Settings s = new Settings();
    assertNull(ProjectConfig.apply(yml("/repo", "# nothing yet\n"), s, new PrefixMap()));
    assertTrue(s.select().isEmpty());
  }

  private String error(String text) throws IOException {
    Path file = yml("/repo", text);
    return assertThrows(IOException.class, () -> ProjectConfig.apply(file, new Settings(), new PrefixMap()))
        .getMessage();
  }

  @Test
  void anUnknownKeyNamesItAndTheKnownOnes() throws IOException {
    assertEquals("/repo/.nginx-lint.yml: unknown key \"selct\", did you mean \"select\"?"
        + " (known: nginx-version, nginx-build, fail-on, docs-url, baseline, select, ignore, severity, rules, prefix, exclude, env,"
        + " env-file, max-file-size, format)", error("selct: [syntax]\n"));
  }

  @Test
  void theFormatSectionKnowsItsKeys() throws IOException {
    assertEquals("/repo/.nginx-lint.yml: format: unknown key \"indnet\", did you mean \"indent\"? (known: indent, align-values)",
        error("format: {indnet: 2}\n"));
    assertEquals("/repo/.nginx-lint.yml: format: align-values: expected true or false, got \"on\"",
        error("format: {align-values: on}\n"));
    // both keys are accepted by check's reading of the file too
    ProjectConfig.apply(yml("/repo", "format: {indent: 2, align-values: true}\n"), new Settings(), new PrefixMap());
  }

  @Test
  void otherErrorsAreOneClearLine() throws IOException {
    assertEquals("/repo/.nginx-lint.yml: expected a mapping at the top", error("- select\n"));
    assertEquals("/repo/.nginx-lint.yml: \"select\" must be a list", error("select: {a: b}\n"));
    assertEquals("/repo/.nginx-lint.yml: \"severity\" must be a mapping", error("severity: [error]\n"));
    assertEquals("/repo/.nginx-lint.yml: \"rules.upstream-keepalive\" must be a mapping",
        error("rules: {upstream-keepalive: 3}\n"));
    assertEquals("/repo/.nginx-lint.yml: unknown severity \"fatal\" (use error, warning or info)",
        error("severity: {upstream-keepalive: fatal}\n"));
    String yaml = error("select: [syntax\n");
    assertTrue(yaml.startsWith("/repo/.nginx-lint.yml: not valid YAML: "), yaml);
    assertFalse(yaml.contains("\n"), yaml);
    String prefix = error("prefix: {etc/nginx: .}\n");
    assertTrue(prefix.startsWith("/repo/.nginx-lint.yml: prefix: the prefix to map must be absolute"), prefix);
  }

  @Test
  void findsTheNearestConfigUpward() throws IOException {
    yml("/repo", "select: [syntax]\n");
    Path inner = yml("/repo/sub", "select: [include]\n");
    Files.createDirectories(fs.getPath("/repo/sub/deeper"));
    Files.writeString(fs.getPath("/repo/sub/deeper/nginx.conf"), "events {}\n");
    assertEquals(inner, ProjectConfig.find(fs.getPath("/repo/sub/deeper/nginx.conf")));
    assertEquals(inner, ProjectConfig.find(fs.getPath("/repo/sub/deeper")));
    assertEquals(fs.getPath("/repo/.nginx-lint.yml"), ProjectConfig.find(fs.getPath("/repo")));
    assertNull(ProjectConfig.find(fs.getPath("/elsewhere")));
  }

  @Test
  void versions() throws IOException {
    assertEquals(new NginxVersion(1, 29, 7), ProjectConfig.version("1.29.7"));
    assertEquals(new NginxVersion(1, 24, 0), ProjectConfig.version("1.24"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectConfig.version("1.x"));
    assertEquals("not an nginx version: \"1.x\" (expected e.g. 1.24.0)", e.getMessage());
  }
}
