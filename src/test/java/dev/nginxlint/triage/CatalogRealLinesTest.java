package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every catalog entry matches at least one line that real nginx (1.22.1) wrote: the committed logs
 * under src/test/resources/triage (nginx/ from RealNginxTriageTest, test/triage/capture.py on
 * loopback and test/triage/capture-netns.sh in a network namespace of its own, php-fpm/ from
 * capture.py's php-fpm run, lab/ from the 502 lab). A new entry without a real line fails.
 */
class CatalogRealLinesTest {

  static List<Path> realLogs() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(TriageDataTest.DATA)) {
      s.filter(p -> p.toString().endsWith(".log") && !p.getFileName().toString().equals("synthetic.log"))
          .sorted().forEach(out::add);
    }
    try (Stream<Path> s = Files.list(TriageDataTest.DATA.resolveSibling("php-fpm"))) {
      s.filter(p -> p.toString().endsWith(".log")).sorted().forEach(out::add);
    }
    try (Stream<Path> s = Files.list(LabLogsTest.LAB)) {
      s.filter(p -> p.toString().endsWith(".error.log")).sorted().forEach(out::add);
    }
    return out;
  }

  @Test
  void everyEntryMatchesARealLine() throws IOException {
    Map<String, String> example = new TreeMap<>();
    for (Path log : realLogs()) {
      for (String raw : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
        LogLine l = LogLineParser.parse(raw);
        SignatureCatalog.Entry e = l == null ? null : SignatureCatalog.find(l);
        if (e != null) {
          example.putIfAbsent(e.id(), log.getFileName() + ": " + raw);
        }
      }
    }
    TreeSet<String> missing = new TreeSet<>();
    for (SignatureCatalog.Entry e : SignatureCatalog.entries()) {
      if (!example.containsKey(e.id())) {
        missing.add(e.id());
      }
    }
    assertEquals(new TreeSet<>(), missing, "entries without a real line; found: " + example);
  }

  @Test
  void namespaceCapturesGetTheirEntries() throws IOException {
    // test/triage/capture-netns.sh: an "unreachable" route, and a UDP stream proxy whose local ports are all taken
    assertEquals(Map.of("connect() failed 113 no-route", 1L), signaturesOf("no-route.log"));
    assertEquals(Map.of("connect() failed 11 ip-eagain", 1L), signaturesOf("udp-ports.log"));
  }

  @Test
  void halfClosedIdleKeepaliveConnectionIsABrokenPipe() throws IOException {
    // capture.py: a unix-socket backend half-closes its idle keepalive connection; nginx's next writev() on it
    assertEquals(Map.of("writev() failed 32 broken-pipe", 1L), signaturesOf("broken-pipe.log"));
  }

  @Test
  void capturedLinesGetTheirEntries() throws IOException {
    Map<String, Long> sig = signaturesOf("catalog.log");
    assertEquals(Map.ofEntries(
        Map.entry("connect() failed 11 backlog-full", 1L),
        Map.entry("connect() failed 2 no-socket", 1L),
        Map.entry("connect() failed 13 permission", 1L),
        Map.entry("SSL_do_handshake() failed 0 ssl-handshake", 1L),
        Map.entry("recv() failed 111 resolver-unreachable", 1L),
        Map.entry("could not be resolved 3 not-resolved", 1L),
        Map.entry("could not be resolved 2 resolver-servfail", 1L),
        Map.entry("could not be resolved 110 resolver-timeout", 2L),
        Map.entry("upstream prematurely closed connection 0 prematurely-closed", 1L),
        Map.entry("upstream timed out 110 ssl-handshake-timeout", 1L),
        Map.entry("upstream timed out 110 connect-timeout", 1L),
        Map.entry("upstream timed out 110 read-timeout", 2L),
        Map.entry("socket() failed 24 open-files", 10L)), sig);
  }

  /** "op errno entry" → lines, for one committed log of src/test/resources/triage/nginx. */
  private static Map<String, Long> signaturesOf(String log) throws IOException {
    return RealNginxTriageTest.signatures(Files.readAllBytes(TriageDataTest.DATA.resolve(log)));
  }
}
