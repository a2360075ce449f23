package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Cli;
import dev.nginxlint.testsupport.Cli.Run;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: `nginx-lint format` as a user drives it. */
class FormatCommandTest {

  @TempDir
  Path dir;

  private Run run(String stdin, String... args) {
    return Cli.run(dir, stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private static final String UGLY = "http {\nserver {   listen 80;\n}\n}\n";
  private static final String PRETTY = "http {\n    server {\n        listen 80;\n    }\n}\n";

  @Test
  void checkDiffWriteAndStdin() throws Exception {
    Files.createDirectories(dir.resolve("sites-available"));
    Files.createDirectories(dir.resolve("sites-enabled"));
    Files.writeString(dir.resolve("nginx.conf"), UGLY);
    Files.writeString(dir.resolve("sites-available/shop"), UGLY);
    Files.createSymbolicLink(dir.resolve("sites-enabled/shop"), Path.of("../sites-available/shop"));
    Files.writeString(dir.resolve("notes.txt"), "not nginx {");

    Run check = run("", "format", "--check", "--no-config", ".");
    assertEquals(1, check.code(), check.err());
    assertEquals(2, check.out().lines().count(), check.out()); // the link and its target are one file
    assertEquals(UGLY, Files.readString(dir.resolve("nginx.conf")), "--check writes nothing");

    Run diff = run("", "format", "--diff", "--no-config", "nginx.conf");
    assertEquals(1, diff.code());
    assertTrue(diff.out().startsWith("--- a/nginx.conf\n+++ b/nginx.conf\n"), diff.out());

    assertEquals(0, run("", "format", "--no-config", ".").code());
    assertEquals(PRETTY, Files.readString(dir.resolve("nginx.conf")));
    assertEquals(PRETTY, Files.readString(dir.resolve("sites-available/shop")));
    assertTrue(Files.isSymbolicLink(dir.resolve("sites-enabled/shop")), "written through the link");
    assertEquals(0, run("", "format", "--check", "--no-config", ".").code(), "formatted files pass --check");

    Run stdin = run(UGLY, "format", "--no-config", "-");
    assertEquals(0, stdin.code());
    assertEquals(PRETTY, stdin.out());
  }

  /** Runs with a byte stream under stdout, as the real main does. */
  private byte[] runBytes(byte[] stdin, String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code = Main.run(new Io(new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8)),
        new PrintWriter(err), new ByteArrayInputStream(stdin), dir.getFileSystem(), dir, bytes), args);
    assertEquals(0, code, err.toString());
    return bytes.toByteArray();
  }

  @Test
  void stdinToStdoutKeepsEveryByte() {
    // Latin-1 in a comment and a string (not UTF-8), a BOM, CRLF: out as they came in
    byte[] ugly = ("\uFEFFhttp {\r\nserver {  # caf\u00e9\r\nadd_header X-Name \"Gr\u00fc\u00df\";\r\n}\r\n}")
        .getBytes(StandardCharsets.ISO_8859_1);
    ugly[0] = (byte) 0xEF; // the BOM's three bytes (ISO-8859-1 cannot encode U+FEFF)
    byte[] withBom = new byte[ugly.length + 2];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(ugly, 1, withBom, 3, ugly.length - 1);
    byte[] pretty = ("http {\r\n    server { # caf\u00e9\r\n        add_header X-Name \"Gr\u00fc\u00df\";\r\n    }\r\n}\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] expected = new byte[pretty.length + 3];
    System.arraycopy(withBom, 0, expected, 0, 3);
    System.arraycopy(pretty, 0, expected, 3, pretty.length);
    assertArrayEquals(expected, runBytes(withBom, "format", "--no-config", "-"));
    // formatted input comes out unchanged, byte for byte
    assertArrayEquals(expected, runBytes(expected, "format", "--no-config", "-"));
    // UTF-8 text too (not re-encoded)
    byte[] utf8 = "server_name caf\u00e9.example; # \u2014 \u00fc\n".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(utf8, runBytes(utf8, "format", "--no-config", "-"));
  }

  @Test
  void stdinCheckAndDiff() {
    assertEquals(1, run(UGLY, "format", "--check", "--no-config", "-").code());
    assertEquals(0, run(PRETTY, "format", "--check", "--no-config", "-").code());
    Run diff = run(UGLY, "format", "--diff", "--no-config", "-");
    assertEquals(1, diff.code());
    assertTrue(diff.out().startsWith("--- a/-\n+++ b/-\n@@"), diff.out());
    assertEquals(0, run(PRETTY, "format", "--diff", "--no-config", "-").code());
    // a Latin-1 file's diff keeps its bytes
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    byte[] latin1 = "http {\nserver_name caf\u00e9;\n}\n".getBytes(StandardCharsets.ISO_8859_1);
    int code = Main.run(new Io(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(latin1), dir.getFileSystem(), dir, bytes), "format", "--diff", "--no-config", "-");
    assertEquals(1, code);
    String shown = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    assertTrue(shown.contains("-server_name caf\u00e9;\n+    server_name caf\u00e9;\n"), shown);
  }

  @Test
  void excludeGlobsAreSkippedAsCheckAndFixSkipThem() throws Exception {
    Files.writeString(dir.resolve(".nginx-lint.yml"), "exclude: [vendor, \"*.generated.conf\"]\n");
    Files.createDirectories(dir.resolve("vendor"));
    Files.createDirectories(dir.resolve("conf.d"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("nginx.conf"), UGLY);
    Files.writeString(dir.resolve("vendor/third.conf"), UGLY);
    Files.writeString(dir.resolve("conf.d/app.generated.conf"), UGLY);
    Files.writeString(dir.resolve(".git/x.conf"), UGLY);

    Run check = run("", "format", "--check", ".");
    assertEquals(1, check.code(), check.err());
    assertEquals("nginx.conf\n", check.out());
    assertEquals(0, run("", "format", ".").code());
    assertEquals(PRETTY, Files.readString(dir.resolve("nginx.conf")));
    assertEquals(UGLY, Files.readString(dir.resolve("vendor/third.conf")), "excluded: left as it is");
    assertEquals(UGLY, Files.readString(dir.resolve("conf.d/app.generated.conf")), "excluded: left as it is");
    assertEquals(UGLY, Files.readString(dir.resolve(".git/x.conf")), "dot-directories are not walked");
    // also from a subdirectory's walk (the config file above it is found)
    assertEquals(0, run("", "format", "--check", "vendor/..").code());

    // named files are formatted anyway, unless --force-exclude (what the pre-commit hook passes)
    assertEquals(1, run("", "format", "--check", "vendor/third.conf").code());
    Run forced = run("", "format", "--check", "--force-exclude", "vendor/third.conf", "conf.d/app.generated.conf");
    assertEquals(0, forced.code(), forced.err());
    assertEquals("", forced.out());
    // --no-config: no excludes
    assertEquals(1, run("", "format", "--check", "--no-config", ".").code());
    // check and fix skip the same files
    Run lint = run("", "check", "--output-format", "concise", ".");
    assertTrue(!lint.out().contains("vendor/") && !lint.out().contains("generated"), lint.out());
  }

  @Test
  void alignValuesFromTheConfigFileOrTheCommandLine() throws Exception {
    String map = "map $host $b {\n    default x;\n    a.example y;\n}\n";
    String aligned = "map $host $b {\n    default   x;\n    a.example y;\n}\n";
    Files.writeString(dir.resolve("m.conf"), map);
    assertEquals(0, run("", "format", "--check", "--no-config", "m.conf").code(), "off by default");
    assertEquals(aligned, run(map, "format", "--no-config", "--align-values", "-").out());
    Files.writeString(dir.resolve(".nginx-lint.yml"), "format:\n  indent: 4\n  align-values: true\n");
    assertEquals(0, run("", "format", "m.conf").code());
    assertEquals(aligned, Files.readString(dir.resolve("m.conf")));
    assertEquals(0, run("", "format", "--check", "m.conf").code(), "idempotent");
    assertEquals(1, run("", "format", "--check", "--no-align-values", "m.conf").code(), "the command line wins");
    // check reads the same file without complaint (format: and its keys are known)
    assertTrue(run("", "check", "m.conf").code() != 2);
    Files.writeString(dir.resolve(".nginx-lint.yml"), "format:\n  align-value: true\n");
    Run typo = run("", "format", "m.conf");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("format: unknown key \"align-value\", did you mean \"align-values\"?"
        + " (known: indent, align-values)"), typo.err());
    Files.writeString(dir.resolve(".nginx-lint.yml"), "format:\n  align-values: yes\n");
    assertTrue(run("", "check", "m.conf").err().contains("align-values: expected true or false"));
  }

  @Test
  void theConfigFileSetsTheIndentAndBadInputIsOneLine() throws Exception {
    Files.writeString(dir.resolve(".nginx-lint.yml"), "format:\n  indent: tab\n");
    Files.writeString(dir.resolve("a.conf"), UGLY);
    assertEquals(0, run("", "format", "a.conf").code());
    assertEquals("http {\n\tserver {\n\t\tlisten 80;\n\t}\n}\n", Files.readString(dir.resolve("a.conf")));
    // check still reads the file (format: is a known key)
    assertTrue(run("", "check", "a.conf").code() != 2);

    Files.writeString(dir.resolve("broken.conf"), "http {\n  server {\n");
    Run broken = run("", "format", "--no-config", "broken.conf");
    assertEquals(2, broken.code());
    assertTrue(broken.err().startsWith("nginx-lint: broken.conf:"), broken.err());
    assertEquals("http {\n  server {\n", Files.readString(dir.resolve("broken.conf")), "left as it was");
    assertEquals(2, run("", "format", "--indent", "7x", "a.conf").code());
  }
}
