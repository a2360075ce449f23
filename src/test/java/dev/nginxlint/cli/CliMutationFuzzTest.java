package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nginxlint.testsupport.Cli;
import dev.nginxlint.testsupport.Cli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutants of corpus files (bytes inserted, deleted, duplicated, truncated; invalid UTF-8 and
 * control bytes; odd includes: devices, a FIFO, a socket, directories, a NUL byte, non-ASCII
 * names, globs over all of these) through the whole CLI, `check` and
 * `check --unsafe-fixes --output-dir`: every run ends with exit 0 or 1 and a report that
 * parses, never exit 2, an internal error or a hang. Deterministic: fixed seeds.
 */
class CliMutationFuzzTest {

  private static final Path CORPUS = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus");
  private static final int MUTANTS = 300;
  /** Byte strings (one char per byte): invalid UTF-8 and control bytes among them. */
  private static final String[] INSERTS = {"{", "}", ";", "\"", "'", "\\", "#", "$", "${X}", "\n", "\r\n", "\0",
      "include /dev/zero;", "include /dev/null;", "include /;", "include mime.ty\0pes;", "include ../*;",
      "include /etc/passwd;", "include ../fifo;", "include ../fif*;", "include ../sock;", "include ../m*;",
      "include \u00ff\u00fe.conf;", "include caf\u00c3\u00a9.conf;", "include \u0001\u001b[0m;",
      "location / {", "server {", "upstream u { server 127.0.0.1; }", "proxy_pass http://$host;", "\u00c3\u00a9",
      "\u00ff", "\u00c3", "\u0001", "\u001b[31m", "\u007f", "set $x http://u;", "if ($a) {"};

  @TempDir Path tmp;

  private Run cli(Path cwd, String... args) {
    return Cli.run(cwd, args);
  }

  @Test
  void mutantsOfCorpusFilesNeverEndInAnErrorOrAStackTrace() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(CORPUS)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".conf") || p.getFileName().toString().equals("nginx.conf"))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
    assertTrue(files.size() > 100, "corpus files: " + files.size());
    // odd things beside the mutants for their includes to meet: a FIFO (opening it would wait
    // for a writer) and a socket
    new ProcessBuilder("mkfifo", tmp.resolve("fifo").toString()).start().waitFor();
    java.nio.channels.ServerSocketChannel sock = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
    sock.bind(java.net.UnixDomainSocketAddress.of(tmp.resolve("sock")));
    ObjectMapper json = new ObjectMapper();
    Random r = new Random(20261205L);
    int findings = 0;
    int fifos = 0;
    int sockets = 0;
    for (int i = 0; i < MUTANTS; i++) {
      byte[] src = Files.readAllBytes(files.get(r.nextInt(files.size())));
      byte[] mutant = mutate(src, r);
      Path dir = Files.createDirectories(tmp.resolve("m" + i));
      Files.write(dir.resolve("nginx.conf"), mutant);
      String what = "mutant " + i + " (seed 20261205)";

      Run check = cli(dir, "check", "--no-config", "--output-format", "json", "nginx.conf");
      assertTrue(check.code() == 0 || check.code() == 1, what + ": exit " + check.code() + ": " + check.err());
      assertFalse(check.err().contains("internal error") || check.err().contains("Exception"), what + ": " + check.err());
      JsonNode report = json.readTree(check.out());
      assertEquals(report.get("findings").size(), report.get("summary").get("findings").asInt(), what);
      findings += report.get("findings").size();
      for (JsonNode f : report.get("findings")) {
        String m = f.get("message").asText();
        fifos += m.contains("would wait for a writer") ? 1 : 0;
        sockets += m.contains("(6: No such device or address)") ? 1 : 0;
      }

      Run fix = cli(dir, "check", "--no-config", "--unsafe-fixes", "--output-dir", "out", "--output-format", "json",
          "nginx.conf");
      assertTrue(fix.code() == 0 || fix.code() == 1, what + " fix: exit " + fix.code() + ": " + fix.err());
      assertFalse(fix.err().contains("internal error") || fix.err().contains("Exception"), what + " fix: " + fix.err());
      json.readTree(fix.out());
    }
    sock.close();
    assertTrue(findings > MUTANTS, "the mutants were linted: " + findings + " findings");
    // the odd includes were met, not only inserted into comments and strings
    assertTrue(fifos > 0 && sockets > 0, "FIFO findings " + fifos + ", socket findings " + sockets);
  }

  private static byte[] mutate(byte[] src, Random r) {
    List<Byte> b = new ArrayList<>(src.length + 64);
    for (byte x : src) {
      b.add(x);
    }
    int ops = 1 + r.nextInt(4);
    for (int k = 0; k < ops; k++) {
      int at = b.isEmpty() ? 0 : r.nextInt(b.size() + 1);
      switch (r.nextInt(4)) {
        case 0 -> {
          byte[] ins = INSERTS[r.nextInt(INSERTS.length)].getBytes(StandardCharsets.ISO_8859_1);
          for (int j = ins.length - 1; j >= 0; j--) {
            b.add(at, ins[j]);
          }
        }
        case 1 -> {
          int len = Math.min(b.size() - at, r.nextInt(40));
          b.subList(at, at + len).clear();
        }
        case 2 -> {
          int len = Math.min(b.size() - at, r.nextInt(80));
          b.addAll(at, new ArrayList<>(b.subList(at, at + len)));
        }
        default -> {
          if (at < b.size()) {
            b.subList(at, b.size()).clear();
          }
        }
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }
}
