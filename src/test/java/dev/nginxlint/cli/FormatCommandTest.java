package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  record Run(int code, String out, String err) {}

  private Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), dir, args);
    return new Run(code, out.toString(), err.toString());
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
