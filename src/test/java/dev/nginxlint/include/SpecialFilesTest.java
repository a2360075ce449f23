package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nginxlint.cli.Main;
import dev.nginxlint.testsupport.RealNginx;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is not a plain file (devices, FIFOs, sockets), oversized files and streams, NUL bytes
 * and unnameable paths: nginx's own outcome where it has one (a device reads as empty), else a
 * finding or one line with exit 2; never a hang, an out-of-memory error or an internal error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpecialFilesTest {

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private Run cli(byte[] stdin, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    int code = Main.run(o, e, new java.io.ByteArrayInputStream(stdin), tmp, args);
    o.flush();
    e.flush();
    return new Run(code, out.toString(), err.toString());
  }

  private Run check(String... args) {
    return cli(new byte[0], args);
  }

  private static void oneLine(Run r, String expected) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
  }

  private void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
    assumeTrue(mk.waitFor() == 0, "mkfifo");
  }

  @Test
  void anIncludeOfADeviceReadsAsEmptyAsInNginx() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.exists(Path.of("/dev/null")));
    String conf = "events { worker_connections 1024; }\nhttp { include /dev/null; include /dev/zero; }\n";
    Files.writeString(tmp.resolve("nginx.conf"), conf);
    Run r = check("check", "--no-config", "--output-format", "concise", "nginx.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    // the oracle: nginx reads up to the size fstat() gives, 0 for a device
    RealNginx.requireOrSkip();
    RealNginx.Result nginx = RealNginx.testText(conf, false);
    assertTrue(nginx.ok(), nginx.output());
  }

  @Test
  void aFifoMatchedByAGlobIsNamedAndNeverOpened() throws Exception {
    Files.createDirectories(tmp.resolve("conf.d"));
    mkfifo(tmp.resolve("conf.d/a.conf"));
    Files.writeString(tmp.resolve("conf.d/b.conf"), "server { listen 127.0.0.1:8080; }\n");
    Files.writeString(tmp.resolve("nginx.conf"), "events {}\nhttp { include conf.d/*.conf; }\n");
    // the directory walk skips the FIFO; the include names it
    Run r = check("check", "--no-config", "--output-format", "concise", ".");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("nginx.conf:2:8: include-not-found open() \"" + tmp.resolve("conf.d/a.conf")
        + "\" would wait for a writer: it is a FIFO"), r.out());
    assertFalse(r.err().contains("internal error"), r.err());
    oneLine(check("check", "--no-config", "conf.d/a.conf"), "conf.d/a.conf: not read: a FIFO, not a configuration file");
  }

  @Test
  void aSocketGetsNginxsOwnMessage() throws Exception {
    Path sock = tmp.resolve("s.conf");
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(sock));
      Files.writeString(tmp.resolve("nginx.conf"), "events {}\nhttp { include s.conf; }\n");
      Run r = check("check", "--no-config", "--output-format", "concise", "nginx.conf");
      assertTrue(r.out().contains("nginx.conf:2:8: include-not-found open() \"s.conf\" failed (6: No such device or address)"),
          r.out());
      oneLine(check("check", "--no-config", "s.conf"), "s.conf: not read: a socket");
    }
  }

  @Test
  void aDeviceNamedOnTheCommandLineIsOneLine() {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    oneLine(check("check", "--no-config", "/dev/zero"), "/dev/zero: not read: a character device");
  }

  @Test
  void aNulByteInAnIncludePathIsAFinding() throws Exception {
    Files.write(tmp.resolve("nginx.conf"), "events {}\nhttp { include mime.ty\0pes; }\n".getBytes(StandardCharsets.ISO_8859_1));
    Run r = check("check", "--no-config", "--output-format", "concise", "nginx.conf");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("nginx.conf:2:8: include-not-found open() \"mime.ty\\x00pes\" failed: the path holds a NUL"
        + " byte, which no file name can (nginx reads \"mime.ty\", the path up to it)"), r.out());
  }

  @Test
  void controlBytesOfTheFileNeverReachTheTerminal() throws Exception {
    Files.write(tmp.resolve("nginx.conf"), ("events {}\nhttp { include \"x\u001bM\";\n"
        + "  \u001b[31mred on;\n}\n").getBytes(StandardCharsets.ISO_8859_1));
    for (String format : List.of("concise", "full")) {
      Run r = check("check", "--no-config", "--output-format", format, "nginx.conf");
      assertEquals(1, r.code(), r.err());
      assertFalse(r.out().contains("\u001b"), r.out());
      assertTrue(r.out().contains("open() \"x\\x1bM\" failed (2: No such file or directory)"), r.out());
    }
  }

  @Test
  void filesOverTheLimitAreRefusedUnread() throws Exception {
    Files.writeString(tmp.resolve("big.conf"), "# " + "x".repeat(3000) + "\n");
    Files.writeString(tmp.resolve("nginx.conf"), "events { worker_connections 1024; }\nhttp { include big.conf; }\n");
    Run r = check("check", "--no-config", "--max-file-size", "2k", "--output-format", "concise", "nginx.conf");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("nginx.conf:2:8: include-not-found \"big.conf\" is not read: it is 3003 bytes, over"
        + " nginx-lint's limit of 2 KB (--max-file-size)"), r.out());
    oneLine(check("check", "--no-config", "--max-file-size", "2k", "big.conf"),
        "\"big.conf\" is not read: it is 3003 bytes, over nginx-lint's limit of 2 KB (--max-file-size)");
    // under the default limit it is read
    assertEquals(0, check("check", "--no-config", "nginx.conf").code());
    // the config file's key, and the command line over it
    Files.writeString(tmp.resolve(".nginx-lint.yml"), "max-file-size: 2k\n");
    assertEquals(1, check("check", "--output-format", "concise", "nginx.conf").code());
    assertEquals(0, check("check", "--max-file-size", "1m", "nginx.conf").code());
  }

  @Test
  void stdinAndEnvFilesAreReadBounded() throws Exception {
    byte[] big = new byte[5000];
    java.util.Arrays.fill(big, (byte) '#');
    oneLine(cli(big, "check", "--no-config", "--max-file-size", "4k", "-"),
        "cannot read standard input: over nginx-lint's limit of 4 KB (--max-file-size)");
    Files.writeString(tmp.resolve("nginx.conf"), "events {}\n");
    Files.write(tmp.resolve("app.env"), big);
    oneLine(check("check", "--no-config", "--max-file-size", "4k", "--env-file", tmp.resolve("app.env").toString(),
        "nginx.conf"), "app.env: not read: over nginx-lint's limit of 4 KB (--max-file-size)");
    if (Files.exists(Path.of("/dev/zero"))) {
      oneLine(check("check", "--no-config", "--max-file-size", "1m", "--env-file", "/dev/zero", "nginx.conf"),
          "--env-file: /dev/zero: not read: over nginx-lint's limit of 1 MB");
    }
    Files.write(tmp.resolve("latin1.env"), "A=1\nB=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    oneLine(check("check", "--no-config", "--env-file", tmp.resolve("latin1.env").toString(),
        "nginx.conf"), "latin1.env:2: not UTF-8 text (byte 0xe9)");
  }

  @Test
  void aMisspelledSizeIsRefused() throws Exception {
    Files.writeString(tmp.resolve("nginx.conf"), "events {}\n");
    oneLine(check("check", "--no-config", "--max-file-size", "64mb", "nginx.conf"),
        "--max-file-size: expected a size such as 64m, 512k or 1g, got \"64mb\"");
    Files.writeString(tmp.resolve(".nginx-lint.yml"), "max-file-size: lots\n");
    oneLine(check("check", "nginx.conf"), ".nginx-lint.yml: max-file-size: expected a size");
    Files.writeString(tmp.resolve(".nginx-lint.yml"), "max-filesize: 1m\n");
    oneLine(check("check", "nginx.conf"), "unknown key \"max-filesize\", did you mean \"max-file-size\"?");
  }

  @Test
  void sizesAreWrittenAsNginxWritesThem() {
    assertEquals(64L << 20, ReadLimit.parse("64m"));
    assertEquals(10L << 10, ReadLimit.parse("10K"));
    assertEquals(2L << 30, ReadLimit.parse("2g"));
    assertEquals(1000, ReadLimit.parse("1000"));
    for (String bad : List.of("", "lots", "0", "-1", "1.5m", "64mb", "k")) {
      assertThrows(IllegalArgumentException.class, () -> ReadLimit.parse(bad), bad);
    }
    assertEquals("64 MB", ReadLimit.show(64L << 20));
    assertEquals("1000 bytes", ReadLimit.show(1000));
  }

  @Test
  void aMisspelledFormatWritesNoFix() throws Exception {
    String conf = "events {}\nhttp { upstream a { server 127.0.0.1:1; server 127.0.0.2:1; }\n"
        + "server { location / { proxy_pass http://a; } } }\n";
    Files.writeString(tmp.resolve("nginx.conf"), conf);
    oneLine(check("check", "--no-config", "--fix", "--output-format", "jsn", "nginx.conf"),
        "--output-format: unknown format \"jsn\", did you mean \"json\"?");
    assertEquals(conf, Files.readString(tmp.resolve("nginx.conf")));
  }

  /**
   * Under the C locale the JVM names files in ASCII: a non-ASCII path on the command line is one
   * line naming it, and an include of one says why it was not read (not "a NUL byte").
   */
  @Test
  void nonAsciiPathsUnderTheCLocaleAreNamedNotThrown() throws Exception {
    Files.writeString(tmp.resolve("nginx.conf"), "events {}\nhttp { include caf\u00e9.conf; }\n");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.nginxlint.cli.Main", "check", "--no-config",
        "--output-format", "concise"));
    ProcessBuilder pb = new ProcessBuilder().directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    pb.environment().remove("LANG");
    pb.environment().remove("LC_CTYPE");
    List<String> named = new ArrayList<>(cmd);
    named.add("caf\u00e9.conf");
    Process p = pb.command(named).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    // where the JVM names files in UTF-8 even under LC_ALL=C there is nothing to show
    assumeTrue(out.contains("not a usable path"), out);
    assertEquals(2, p.exitValue(), out);
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.contains("run with LC_ALL=C.UTF-8"), out);

    List<String> include = new ArrayList<>(cmd);
    include.add("nginx.conf");
    p = pb.command(include).start();
    out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(out.contains("this path cannot be named in the locale nginx-lint runs in"), out);
    assertFalse(out.contains("NUL"), out);
  }
}
