package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Triage over the committed logs: real nginx lines (nginx/) and the hand-written ones. */
class TriageDataTest {

  static final Path DATA = Path.of("src/test/resources/triage/nginx");

  private static GroupAccumulator read(byte[] bytes) throws IOException {
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    LogReader.read(new ByteArrayInputStream(bytes), acc::accept);
    return acc;
  }

  @Test
  void realUpstreamErrors() throws IOException {
    byte[] log = Files.readAllBytes(DATA.resolve("upstream-errors.log"));
    Map<String, Long> sig = RealNginxTriageTest.signatures(log);
    assertEquals(Map.of(
        "connect() failed 111 refused", 3L,
        "upstream timed out 110 read-timeout", 1L,
        "upstream prematurely closed connection 0 prematurely-closed", 1L,
        "upstream sent too big header 0 too-big-header", 1L,
        "upstream sent invalid header 0 invalid-header", 1L,
        "recv() failed 104 reset", 1L,
        "no live upstreams 0 no-live-upstreams", 2L,
        "no resolver defined to resolve 0 no-resolver", 1L), sig);
    GroupAccumulator acc = read(log);
    assertEquals(1, acc.unparsed(), "only the comment line");
    GroupAccumulator.Group noLive = find(acc, "no live upstreams");
    assertEquals("flaky", noLive.upstream);
    assertEquals("2026/11/23 16:08:03", noLive.first);
    assertEquals(List.of("/flaky/2", "/flaky/3"), noLive.paths);
    assertEquals(Map.of("triage.test", 2L), noLive.servers);
  }

  @Test
  void realWorkerConnections() throws IOException {
    Map<String, Long> sig = RealNginxTriageTest.signatures(Files.readAllBytes(DATA.resolve("worker-connections.log")));
    assertEquals(3L, sig.get("worker_connections are not enough 0 worker-connections"));
  }

  @Test
  void handWrittenLinesMapToTheirCatalogEntries() throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(DATA.resolve("synthetic.log"), StandardCharsets.UTF_8)) {
      if (line.startsWith("#")) {
        continue;
      }
      LogLine l = LogLineParser.parse(line);
      assertNotNull(l, line);
      SignatureCatalog.Entry e = SignatureCatalog.find(l.op(), l.errno(), l.phase());
      assertNotNull(e, line);
      ids.add(e.id());
    }
    assertEquals(List.of("ephemeral-ports", "ephemeral-ports", "ephemeral-ports", "no-route", "permission",
        "backlog-full", "open-files", "open-files", "not-resolved", "connect-timeout", "ssl-handshake-timeout",
        "ssl-handshake", "reset", "broken-pipe", "reset", "reset", "worker-connections", "no-socket", "refused"), ids);
  }

  @Test
  void gzipIsRecognisedByItsBytesAndTruncatedGzipIsNoCrash() throws IOException {
    byte[] plain = Files.readAllBytes(DATA.resolve("upstream-errors.log"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(plain);
    }
    byte[] gzipped = bytes.toByteArray();
    assertEquals(RealNginxTriageTest.signatures(plain), RealNginxTriageTest.signatures(gzipped));
    // cut in the middle: what was read counts, a note says the rest is missing
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    String note = LogReader.read(new ByteArrayInputStream(java.util.Arrays.copyOf(gzipped, gzipped.length / 2)),
        acc::accept);
    assertNotNull(note);
    assertTrue(acc.lines() > 0 && acc.lines() < plain.length);
    // gzip magic and nothing else: a note, not an error
    assertNotNull(LogReader.read(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8}), acc::accept));
  }

  @Test
  void garbageAndCutLinesAreCountedAsUnparsed() throws IOException {
    byte[] real = Files.readAllBytes(DATA.resolve("upstream-errors.log"));
    ByteArrayOutputStream mix = new ByteArrayOutputStream();
    mix.write(real);
    mix.write("\n\n2026/11/23 16:09:00\n".getBytes(StandardCharsets.US_ASCII));
    mix.write(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3, '\r', '\n'});
    String refused = LogLineParserTest.REFUSED;
    mix.write(refused.substring(0, 80).getBytes(StandardCharsets.US_ASCII));
    mix.write('\n');
    byte[] utf8 = refused.replace("/refused/a", "/caf\u00e9").getBytes(StandardCharsets.UTF_8);
    int mid = new String(utf8, StandardCharsets.ISO_8859_1).indexOf('\u00c3') + 1; // after the first byte of é
    mix.write(utf8, 0, mid);
    mix.write('\n');
    mix.write(new byte[LogReader.MAX_LINE + 10]); // an over-long line of NULs
    mix.write('\n');
    mix.write("2026/11/23 16:08:02 [error] 1#1: *9 connect() failed (111: Connection ref".getBytes(StandardCharsets.US_ASCII));
    GroupAccumulator base = read(real);
    GroupAccumulator acc = read(mix.toByteArray());
    assertEquals(base.unparsed() + 9, acc.unparsed()); // 2 empty, 1 time stamp only, 2 binary, 4 cut or over-long
    assertEquals(base.lines() + 9, acc.lines());
    assertEquals(RealNginxTriageTest.signatures(real), RealNginxTriageTest.signatures(mix.toByteArray()));
  }

  @Test
  void groupsAreBounded() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("2026/11/23 15:00:00 [error] 1#1: *").append(i).append(" connect() failed (111: Connection refused)"
          + " while connecting to upstream, client: c, server: s, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.")
          .append(i / 250).append('.').append(i % 250).append(":80/\", host: \"h\"\n");
    }
    GroupAccumulator acc = new GroupAccumulator(50, TimeWindow.ALL);
    LogReader.read(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.US_ASCII)), acc::accept);
    assertEquals(51, acc.groups().size());
    GroupAccumulator.Group other = acc.groups().get(50);
    assertTrue(other.isOther());
    assertEquals(450, other.count);
  }

  @Test
  void histogramStaysSmall() {
    Histogram h = new Histogram(30);
    for (int day = 1; day <= 28; day++) {
      for (int hour = 0; hour < 24; hour++) {
        h.add(20260200000000L + day * 1_000_000L + hour * 10_000L);
      }
    }
    assertTrue(h.buckets().size() <= 30);
    assertEquals(28 * 24, h.buckets().values().stream().mapToLong(Long::longValue).sum());
  }

  private static GroupAccumulator.Group find(GroupAccumulator acc, String op) {
    return acc.groups().stream().filter(g -> g.op.equals(op)).findFirst().orElseThrow();
  }
}
