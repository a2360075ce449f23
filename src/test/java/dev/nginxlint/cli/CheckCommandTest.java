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
    assertOneErrorLine(check("nginx.conf"), "nginx-lint: /work/.nginx-lint.yml: unknown key \"selct\""
        + " (known: nginx-version, nginx-build, select, ignore, severity, rules, prefix, exclude, env, env-file)");
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
}
