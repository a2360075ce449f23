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
 * Every catalog entry matches at least one line that real nginx (1.22.1, on loopback) wrote: the
 * committed logs under src/test/resources/triage (nginx/ from RealNginxTriageTest and
 * test/triage/capture.py, php-fpm/ from capture.py's php-fpm run, lab/ from the 502 lab). The entries no loopback run can provoke are
 * named here with the reason; a new entry without a real line fails.
 */
class CatalogRealLinesTest {

  /** Entry id → why no real line: each needs what a shared test machine must not do. */
  static final Map<String, String> NOT_ON_LOOPBACK = Map.of(
      "tcp-eagain", "Linux 6.x does not return EAGAIN from a TCP connect() for a full backend queue (measured: 110)",
      "broken-pipe", "EPIPE needs a reset reaching a half-closed socket while nginx sends; the capture got 104 and"
          + " 'prematurely closed' instead");

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
    assertEquals(new TreeSet<>(NOT_ON_LOOPBACK.keySet()), missing, "entries without a real line; found: " + example);
  }

  @Test
  void noRouteInANamespaceOfItsOwn() throws IOException {
    // test/triage/capture-no-route.sh: an "unreachable" route in a private network namespace
    assertEquals(Map.of("connect() failed 113 no-route", 1L),
        RealNginxTriageTest.signatures(Files.readAllBytes(TriageDataTest.DATA.resolve("no-route.log"))));
  }

  @Test
  void capturedLinesGetTheirEntries() throws IOException {
    Map<String, Long> sig = RealNginxTriageTest.signatures(Files.readAllBytes(TriageDataTest.DATA.resolve("catalog.log")));
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
}
