package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `check --diff` prints a patch that `git apply` takes and that gives the bytes `fix` writes. */
class FixCommandTest {

  private static final Path EXAMPLE = Path.of(System.getProperty("nginxlint.repo", "."), "examples", "basic");

  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(Path cwd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), cwd, args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void diffAppliesWithGitApplyAndEqualsFix() throws Exception {
    Path viaDiff = tmp.resolve("a");
    Path viaFix = tmp.resolve("b");
    Fixtures.copyTree(EXAMPLE, viaDiff.resolve("conf"));
    Fixtures.copyTree(EXAMPLE, viaFix.resolve("conf"));

    Run diff = run(viaDiff, "check", "--no-config", "--unsafe-fixes", "--diff", "conf");
    assertEquals(ExitCodes.FINDINGS, diff.code(), "a diff was printed: exit 1\n" + diff.err());
    assertTrue(diff.out().startsWith("--- a/conf/"), diff.out());
    Path patch = tmp.resolve("fix.patch");
    Files.writeString(patch, diff.out(), StandardCharsets.UTF_8);
    Process git = new ProcessBuilder("git", "apply", patch.toString()).directory(viaDiff.toFile())
        .redirectErrorStream(true).start();
    String gitOut = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, git.waitFor(), "git apply: " + gitOut);

    Run fix = run(viaFix, "fix", "--no-config", "--unsafe-fixes", "conf");
    assertEquals(ExitCodes.CLEAN, fix.code(), "everything fixed: exit 0\n" + fix.out() + fix.err());
    assertTrue(fix.err().contains("remaining 0"), fix.err());
    for (String f : List.of("nginx.conf", "conf.d/app.conf", "mime.types")) {
      assertEquals(Files.readString(viaFix.resolve("conf").resolve(f)), Files.readString(viaDiff.resolve("conf").resolve(f)), f);
    }
    Run again = run(viaFix, "check", "--no-config", "--unsafe-fixes", "--diff", "conf");
    assertEquals(ExitCodes.CLEAN, again.code(), "nothing left to fix: " + again.out());
    assertEquals("", again.out());
  }

  @Test
  void outputDirWritesCopiesAndLeavesTheTreeAlone() throws IOException {
    Fixtures.copyTree(EXAMPLE, tmp.resolve("conf"));
    byte[] before = Files.readAllBytes(tmp.resolve("conf/conf.d/app.conf"));
    Run r = run(tmp, "check", "--no-config", "--fix", "--output-dir", "out", "conf");
    assertTrue(r.code() == ExitCodes.CLEAN || r.code() == ExitCodes.FINDINGS, r.err());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(tmp.resolve("conf/conf.d/app.conf")));
    assertTrue(Files.readString(tmp.resolve("out/conf/conf.d/app.conf")).contains("keepalive 32;"));
  }

  @Test
  void stdinCannotBeFixed() {
    Run r = run(tmp, "check", "--fix", "-");
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().startsWith("nginx-lint: ") && r.err().strip().lines().count() == 1, r.err());
  }
}
