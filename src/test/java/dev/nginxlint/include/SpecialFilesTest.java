package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nginxlint.cli.Main;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Includes of what is not a plain file (devices, FIFOs), oversized files and NUL bytes in
 * include paths are findings, never a hang, an out-of-memory error or an internal error.
 */
class SpecialFilesTest {

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private Run check(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    int code = Main.run(o, e, new java.io.ByteArrayInputStream(new byte[0]), tmp, args);
    o.flush();
    e.flush();
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anIncludeOfDevZeroIsAFindingNotAnEndlessRead() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Files.writeString(tmp.resolve("nginx.conf"), "events {}\nhttp { include /dev/zero; }\n");
    Run r = check("check", "--output-format", "concise", "nginx.conf");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("nginx.conf:2:8: include-not-found open() \"/dev/zero\" failed (not a regular file"), r.out());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFifoMatchedByAGlobIsNamedAndNeverOpened() throws Exception {
    Files.createDirectories(tmp.resolve("conf.d"));
    Process p = new ProcessBuilder("mkfifo", tmp.resolve("conf.d/a.conf").toString()).start();
    assumeTrue(p.waitFor() == 0, "mkfifo");
    Files.writeString(tmp.resolve("conf.d/b.conf"), "server { listen 127.0.0.1:8080; }\n");
    Files.writeString(tmp.resolve("nginx.conf"), "events {}\nhttp { include conf.d/*.conf; }\n");
    // the directory walk skips the FIFO; the include names it
    Run r = check("check", "--output-format", "concise", ".");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("include-not-found open() \"" + tmp.resolve("conf.d/a.conf")), r.out());
    assertEquals("", r.err().lines().filter(l -> l.contains("internal error")).findFirst().orElse(""));
    // named on the command line: one line, exit 2
    Run named = check("check", "conf.d/a.conf");
    assertEquals(2, named.code());
    assertEquals(1, named.err().lines().count(), named.err());
    assertTrue(named.err().contains("not a regular file"), named.err());
  }

  @Test
  void aNulByteInAnIncludePathIsAFinding() throws Exception {
    Files.write(tmp.resolve("nginx.conf"), "events {}\nhttp { include mime.ty\0pes; }\n".getBytes(StandardCharsets.ISO_8859_1));
    Run r = check("check", "--output-format", "concise", "nginx.conf");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("nginx.conf:2:8: include-not-found open() \"mime.ty\\x00pes\" failed"), r.out());
  }

  @Test
  void theSizeLimitReadsSuffixes() {
    assertEquals(64L << 20, NioFileSource.maxFileSize(null));
    assertEquals(10L << 10, NioFileSource.maxFileSize("10k"));
    assertEquals(2L << 30, NioFileSource.maxFileSize("2G"));
    assertEquals(64L << 20, NioFileSource.maxFileSize("lots"));
  }
}
