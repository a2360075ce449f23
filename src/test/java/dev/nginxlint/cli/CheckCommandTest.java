package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code nginx-lint check} end to end through {@link Main#run(Io, String...)}: an in-memory file
 * system with /work as the working directory, captured streams. Most tests select only the
 * read rules (syntax, include, meta) so they do not depend on the reliability rules.
 */
class CheckCommandTest {

  private static final String READ_RULES = "--select=syntax,include,meta";

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path cwd = fs.getPath("/work");

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  private void write(String path, String text) throws IOException {
    Path p = cwd.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private Run checkStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(new Io(new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), fs, cwd), all);
    return new Run(code, out.toString(), err.toString());
  }

  private Run check(String... args) {
    return checkStdin("", args);
  }

  private static void assertOneErrorLine(Run r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertEquals(List.of(expected), r.errLines(), "stderr must be exactly one line");
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  // ---- exit codes ----

  @Test
  void cleanFileExitsZeroWithAllRules() throws IOException {
    write("nginx.conf", "events {\n    worker_connections 1024;\n}\n");
    Run r = check("--output-format", "concise", "nginx.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals("", r.err());
  }

  @Test
  void findingsExitOne() throws IOException {
    write("nginx.conf", "events {}\nhttp {\n    server { return 204 }\n}\n");
    Run r = check(READ_RULES, "--output-format", "concise", "nginx.conf");
    assertEquals(1, r.code(), r.err());
    assertEquals("nginx.conf:3:25: syntax-error unexpected \"}\"\n", r.out());
  }

  @Test
  void exitZeroStillReports() throws IOException {
    write("nginx.conf", "events {}\nhttp {\n    server { return 204 }\n}\n");
    Run r = check(READ_RULES, "--exit-zero", "--output-format", "concise", "nginx.conf");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("syntax-error"), r.out());
  }

  @Test
  void ignoredRulesDoNotCount() throws IOException {
    write("nginx.conf", "events {}\nhttp {\n    server { return 204 }\n}\n");
    Run r = check(READ_RULES, "--ignore", "syntax-error", "--output-format", "concise", "nginx.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
  }

  @Test
  void missingPathIsOneLineOnStderr() {
    Run r = check("--output-format", "concise", "nope.conf");
    assertOneErrorLine(r, "nginx-lint: nope.conf: No such file or directory");
    assertEquals("", r.out());
  }

  @Test
  void unknownOptionExitsTwo() throws IOException {
    write("nginx.conf", "events {}\n");
    Run r = check("--no-such-option", "nginx.conf");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void badOptionValuesExitTwo() throws IOException {
    write("nginx.conf", "events {}\n");
    assertOneErrorLine(check("--severity", "fatal", "nginx.conf"),
        "nginx-lint: --severity: unknown severity \"fatal\" (use error, warning or info)");
    assertOneErrorLine(check("--nginx-version", "one", "nginx.conf"),
        "nginx-lint: not an nginx version: \"one\" (expected e.g. 1.24.0)");
    Run format = check("--output-format", "xml", "nginx.conf");
    assertEquals(2, format.code());
    assertTrue(format.err().startsWith("nginx-lint: --output-format: unknown format \"xml\""), format.err());
  }

  @Test
  void aBrokenConfigFileExitsTwoWithItsMessage() throws IOException {
    write("nginx.conf", "events {}\n");
    write(".nginx-lint.yml", "selct: [syntax]\n");
    assertOneErrorLine(check("nginx.conf"), "nginx-lint: /work/.nginx-lint.yml: unknown key \"selct\", did you mean \"select\"?"
        + " (known: nginx-version, nginx-build, fail-on, docs-url, baseline, select, ignore, severity, rules, prefix, exclude, env,"
        + " env-file, max-file-size, format)");
  }

  @Test
  void aMisspelledRuleIsBlamedOnWhereItWasWritten() throws IOException {
    write("nginx.conf", "events {}\n");
    write(".nginx-lint.yml", "ignore: [upstream-keepaliv]\n");
    Run fromFile = check("nginx.conf");
    assertEquals(2, fromFile.code());
    assertEquals(1, fromFile.errLines().size(), fromFile.err());
    assertTrue(fromFile.err().startsWith("nginx-lint: /work/.nginx-lint.yml: ignore: unknown rule or category"
        + " \"upstream-keepaliv\", did you mean \"upstream-keepalive\"?"), fromFile.err());
    write(".nginx-lint.yml", "rules:\n  worker-connections-low:\n    min-conections: 2048\n");
    assertTrue(check("nginx.conf").err().startsWith("nginx-lint: /work/.nginx-lint.yml: rules: worker-connections-low has no"
        + " option \"min-conections\", did you mean \"min-connections\"?"), check("nginx.conf").err());
    write(".nginx-lint.yml", "severity:\n  no-such-rule: error\n");
    assertTrue(check("nginx.conf").err().startsWith("nginx-lint: /work/.nginx-lint.yml: severity: unknown rule \"no-such-rule\""),
        check("nginx.conf").err());
    write(".nginx-lint.yml", "select: [syntax]\n");
    Run fromCli = check("--select", "reliabilty", "nginx.conf");
    assertEquals(2, fromCli.code());
    assertTrue(fromCli.err().startsWith("nginx-lint: --select: unknown rule or category \"reliabilty\", did you mean"
        + " \"reliability\"?"), fromCli.err());
    Run option = check("--rule-option", "worker-connections-low.min-connections=lots", "nginx.conf");
    assertTrue(option.err().startsWith("nginx-lint: --rule-option: worker-connections-low.min-connections=lots: expected a"
        + " whole number"), option.err());
  }

  @Test
  void theConfigFileSelectsRules() throws IOException {
    write("nginx.conf", "events {}\nhttp {\n    server { return 204 }\n}\n");
    write(".nginx-lint.yml", "select: [syntax]\nignore: [syntax-error]\n");
    Run r = check("--output-format", "concise", "nginx.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(1, check("--no-config", READ_RULES, "--output-format", "concise", "nginx.conf").code());
  }

  // ---- JSON ----

  @Test
  void jsonHasTheDocumentedShape() throws IOException {
    write("conf/nginx.conf", "events {}\nhttp {\n    include sites/*.conf;\n}\n");
    write("conf/sites/app.conf", "server {\n    # nginx-lint: disable=no-such-rule\n    listen 8080;\n}\n");
    // an absolute path on the command line: findings still name files relative to the cwd
    Run r = check(READ_RULES, "--output-format", "json", "/work/conf");
    assertEquals(1, r.code(), r.err());
    Map<?, ?> root = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(r.out());
    assertEquals(List.of("version", "findings", "summary"), new ArrayList<>(root.keySet()));
    assertTrue(root.get("version") instanceof String);
    List<?> findings = (List<?>) root.get("findings");
    assertEquals(1, findings.size(), r.out());
    Map<?, ?> f = (Map<?, ?>) findings.get(0);
    // README's JSON section also documents "url"
    assertEquals(List.of("rule", "category", "severity", "message", "file", "line", "column", "endLine",
        "endColumn", "fix", "url"), new ArrayList<>(f.keySet()));
    assertEquals("unused-suppression", f.get("rule"));
    assertEquals("meta", f.get("category"));
    assertEquals("warning", f.get("severity"));
    assertEquals("unused suppression of no-such-rule (unknown rule \"no-such-rule\")", f.get("message"));
    assertEquals("conf/sites/app.conf", f.get("file"));
    assertEquals(2, f.get("line"));
    assertEquals(5, f.get("column"));
    assertEquals(2, f.get("endLine"));
    assertEquals(39, f.get("endColumn"));
    assertTrue(f.containsKey("fix") && f.get("fix") == null);
    assertEquals(Map.of("files", 2, "findings", 1), root.get("summary"));
    assertEquals(List.of("nginx-lint: 1 finding in 2 files"), r.errLines());
  }

  // ---- stdin ----

  private static final String DUMP = """
      nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
      nginx: configuration file /etc/nginx/nginx.conf test is successful
      # configuration file /etc/nginx/nginx.conf:
      events {}
      http {
          include /etc/nginx/conf.d/*.conf;
      }

      # configuration file /etc/nginx/conf.d/app.conf:
      server {
          listen 8080;
          # nginx-lint: disable=no-such-rule
          location / {
              return 204;
          }
      }

      """;

  @Test
  void stdinDumpIsSplitIntoTheOriginalFiles() {
    Run r = checkStdin(DUMP, READ_RULES, "--output-format", "concise", "-");
    assertEquals(1, r.code(), r.err());
    assertEquals("/etc/nginx/conf.d/app.conf:3:5: unused-suppression unused suppression of no-such-rule"
        + " (unknown rule \"no-such-rule\")\n", r.out());
  }

  @Test
  void stdinDumpCountsItsFiles() {
    Run r = checkStdin(DUMP, READ_RULES, "--output-format", "json", "-");
    assertEquals(List.of("nginx-lint: 1 finding in 2 files"), r.errLines());
  }

  @Test
  void stdinFileIsNamedByStdinFilename() {
    Run r = checkStdin("events {}\nhttp {\n    server { return 204 }\n}\n",
        READ_RULES, "--output-format", "concise", "--stdin-filename", "conf/app.conf", "-");
    assertEquals(1, r.code(), r.err());
    assertEquals("conf/app.conf:3:25: syntax-error unexpected \"}\"\n", r.out());
  }

  @Test
  void cleanStdinExitsZero() {
    Run r = checkStdin("events {}\n", READ_RULES, "--output-format", "concise", "-");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
  }

  // ---- exclude: and --force-exclude ----

  private void writeExcludeProject() throws IOException {
    write(".nginx-lint.yml", "exclude: [\"snippets/*.conf\", legacy]\n");
    write("nginx.conf", "events {}\n");
    write("snippets/broken.conf", "location / { return 204 }\n");
    write("legacy/old.conf", "server { listen 80 }\n");
  }

  @Test
  void namedFilesAreCheckedEvenWhenExcluded() throws IOException {
    writeExcludeProject();
    Run r = check(READ_RULES, "--output-format", "concise", "snippets/broken.conf");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().startsWith("snippets/broken.conf:1:"), r.out());
  }

  @Test
  void forceExcludeSkipsNamedFilesTheConfigExcludes() throws IOException {
    writeExcludeProject();
    Run r = check(READ_RULES, "--force-exclude", "--output-format", "concise",
        "nginx.conf", "snippets/broken.conf", "legacy/old.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
  }

  @Test
  void forceExcludeWithOnlyExcludedFilesChecksNothing() throws IOException {
    writeExcludeProject();
    Run r = check(READ_RULES, "--force-exclude", "--output-format", "json", "legacy/old.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(List.of("nginx-lint: 0 findings in 0 files"), r.errLines());
  }

  @Test
  void forceExcludeKeepsFilesTheConfigDoesNotExclude() throws IOException {
    writeExcludeProject();
    write("conf.d/broken.conf", "server { listen 80 }\n");
    Run r = check(READ_RULES, "--force-exclude", "--output-format", "concise",
        "conf.d/broken.conf", "snippets/broken.conf");
    assertEquals(1, r.code(), r.err());
    assertEquals("conf.d/broken.conf:1:20: syntax-error unexpected \"}\"\n", r.out());
  }

  @Test
  void directoryWalksSkipExcludedFiles() throws IOException {
    writeExcludeProject();
    Run r = check(READ_RULES, "--output-format", "concise", ".");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    write(".nginx-lint.yml", "select: [syntax]\n");
    Run all = check(READ_RULES, "--output-format", "concise", ".");
    assertEquals(1, all.code(), all.err());
    assertTrue(all.out().contains("legacy/old.conf") && all.out().contains("snippets/broken.conf"), all.out());
  }

  /** A config with one warning (upstream-keepalive) and nothing at error level. */
  private static final String ONE_WARNING = "events { worker_connections 4096; }\nworker_rlimit_nofile 8192;\n"
      + "http {\n  proxy_http_version 1.1;\n  proxy_set_header Connection \"\";\n"
      + "  proxy_connect_timeout 5s; proxy_read_timeout 30s; proxy_send_timeout 30s;\n"
      + "  upstream app { server 127.0.0.1:9000 max_fails=3; }\n"
      + "  server { listen 8080; location / { proxy_pass http://app; } }\n}\n";

  @Test
  void failOnDecidesWhichFindingsMakeTheExitCodeOne() throws IOException {
    write("nginx.conf", ONE_WARNING);
    Run any = check("--output-format", "concise", "nginx.conf");
    assertEquals(1, any.code(), any.out() + any.err());
    assertTrue(any.out().contains("upstream-keepalive"), any.out());
    Run error = check("--output-format", "concise", "--fail-on", "error", "nginx.conf");
    assertEquals(0, error.code(), error.err());
    assertEquals(any.out(), error.out(), "findings below the level are still reported");
    assertEquals(1, check("--output-format", "concise", "--fail-on", "warning", "nginx.conf").code());
    assertEquals(0, check("--output-format", "concise", "--fail-on", "never", "nginx.conf").code());
    write(".nginx-lint.yml", "fail-on: error\n");
    assertEquals(0, check("--output-format", "concise", "nginx.conf").code(), "fail-on: in the config file");
    assertEquals(1, check("--output-format", "concise", "--fail-on", "info", "nginx.conf").code(), "the CLI wins");
    assertOneErrorLine(check("--fail-on", "warnings", "nginx.conf"),
        "nginx-lint: --fail-on: expected error, warning, info or never, got \"warnings\"");
  }

  @Test
  void reportsCarryNoUrlUnlessADocsBaseIsGiven() throws IOException {
    write("nginx.conf", ONE_WARNING);
    for (String format : List.of("full", "json", "json-lines", "sarif", "github", "gitlab", "checkstyle", "junit")) {
      Run r = check("--output-format", format, "nginx.conf");
      // the rule pages' own references (nginx.org) may appear in SARIF's help text; no link of ours
      assertFalse(r.out().contains(".md\"") || r.out().contains("helpUri") || r.out().contains("informationUri")
          || r.out().contains("github.com"), format + " holds a docs link without --docs-url: " + r.out());
    }
    Run full = check("--output-format", "full", "nginx.conf");
    assertTrue(full.out().contains("docs: nginx-lint rule upstream-keepalive"), full.out());
    Run linked = check("--output-format", "json", "--docs-url", "https://example.test/rules", "nginx.conf");
    assertTrue(linked.out().contains("\"url\": \"https://example.test/rules/upstream-keepalive.md\""), linked.out());
    Run sarif = check("--output-format", "sarif", "--docs-url", "https://example.test/rules/", "nginx.conf");
    assertTrue(sarif.out().contains("\"helpUri\": \"https://example.test/rules/upstream-keepalive.md\""), sarif.out());
  }

  @Test
  void aNginxConfOfOnlyServerBlocksIsASnippetInADirectoryWalk() throws IOException {
    // Docker images copy such a file to conf.d/default.conf: it is http-level, not a main config
    write("nginx.conf", "upstream app { server 127.0.0.1:3000; keepalive 16; keepalive_timeout 4s; }\nserver {\n  listen 80;\n"
        + "  location / { proxy_http_version 1.1; proxy_set_header Connection \"\";\n"
        + "    proxy_connect_timeout 5s; proxy_read_timeout 30s; proxy_send_timeout 30s;\n"
        + "    proxy_pass http://app; }\n}\n");
    Run r = check("--output-format", "concise", ".");
    assertEquals("", r.out());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void aWalkFindsExtensionlessSitesAndTemplatesAndSaysWhenItFindsNothing() throws IOException {
    write("README", "not a config\n");
    assertOneErrorLine(check("."), "nginx-lint: .: no nginx configuration file found (nginx.conf, *.conf,"
        + " sites-*/ files, *.conf.template)");
    write("vhosts-live/shop", "# the shop\nserver {\n  listen 80;\n  location / { proxy_pass http://127.0.0.1:9000; }\n}\n");
    write("templates/default.conf.template", "server {\n  listen ${PORT};\n"
        + "  location / { proxy_pass http://127.0.0.1:9001; }\n}\n");
    Run r = check("--output-format", "concise", "--select", "proxy-pass-no-upstream", ".");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("vhosts-live/shop:4:16: proxy-pass-no-upstream"), r.out());
    assertTrue(r.out().contains("templates/default.conf.template:3:16: proxy-pass-no-upstream"), r.out());
    assertFalse(r.out().contains("README"), r.out());
  }
}
