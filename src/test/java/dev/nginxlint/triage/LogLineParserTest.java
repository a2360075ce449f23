package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineParserTest {

  static final String REFUSED = "2026/11/23 16:08:02 [error] 19920#19920: *2 connect() failed (111: Connection refused)"
      + " while connecting to upstream, client: 127.0.0.1, server: triage.test, request: \"GET /refused/a HTTP/1.1\","
      + " upstream: \"http://127.0.0.1:36493/refused/a\", host: \"triage.test\"";

  @Test
  void splitsARequestLine() {
    LogLine l = LogLineParser.parse(REFUSED);
    assertNotNull(l);
    assertEquals("2026/11/23 16:08:02", l.time());
    assertEquals(20261123160802L, l.timeKey());
    assertEquals("error", l.level());
    assertEquals(2, l.connection());
    assertEquals("connect() failed", l.op());
    assertEquals(111, l.errno());
    assertEquals("Connection refused", l.errText());
    assertEquals("connecting to upstream", l.phase());
    assertEquals("127.0.0.1", l.client());
    assertEquals("triage.test", l.server());
    assertEquals("GET /refused/a HTTP/1.1", l.request());
    assertEquals("/refused/a", l.requestPath());
    assertEquals("127.0.0.1:36493", l.upstreamKey());
    assertEquals("triage.test", l.host());
    assertNull(l.referrer());
  }

  @Test
  void normalisesConnectToAddress() {
    LogLine l = LogLineParser.parse("2026/11/23 15:04:05 [crit] 2101#2101: *1001 connect() to 127.0.0.1:8080 failed"
        + " (99: Cannot assign requested address) while connecting to upstream, client: 10.0.0.7, server: a,"
        + " request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:8080/\", host: \"a\", referrer: \"https://r/\"");
    assertEquals("connect() failed", l.op());
    assertEquals(99, l.errno());
    assertEquals("127.0.0.1:8080", l.target());
    assertEquals("https://r/", l.referrer());
    assertEquals("ephemeral-ports", SignatureCatalog.find(l.op(), l.errno(), l.phase()).id());
  }

  @Test
  void unixSocketsAndFastcgi() {
    LogLine l = LogLineParser.parse("2026/11/23 15:05:12 [error] 2101#2101: *1012 connect() to"
        + " unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream,"
        + " client: 10.0.0.7, server: s, request: \"GET /i.php HTTP/1.1\","
        + " upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"s\"");
    assertEquals("unix:/run/php/php8.2-fpm.sock", l.upstreamKey());
    assertEquals("backlog-full", SignatureCatalog.find(l.op(), l.errno(), l.phase()).id());
    assertEquals("flaky", LogLine.peerOf("http://flaky/flaky/2"));
    assertEquals("unix:/run/app.sock", LogLine.peerOf("http://unix:/run/app.sock:/x"));
  }

  @Test
  void workerLinesHaveNoClient() {
    LogLine l = LogLineParser.parse("2026/11/23 15:05:23 [alert] 2101#2101: 1024 worker_connections are not enough");
    assertEquals("worker_connections are not enough", l.op());
    assertEquals(-1, l.connection());
    assertNull(l.client());
    LogLine reuse = LogLineParser.parse(
        "2026/11/23 16:08:03 [warn] 20042#20042: 4 worker_connections are not enough, reusing connections");
    assertEquals("worker_connections are not enough", reuse.op());
    LogLine accept = LogLineParser.parse("2026/11/23 15:05:14 [crit] 2101#2101: accept4() failed (24: Too many open files)");
    assertEquals("accept4() failed", accept.op());
    assertEquals("open-files", SignatureCatalog.find(accept.op(), accept.errno(), accept.phase()).id());
  }

  @Test
  void timeoutPhasesAreTold() {
    String base = "2026/11/23 15:05:16 [error] 1#1: *5 upstream timed out (110: Connection timed out) while ";
    String tail = ", client: c, server: s, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.1:80/\", host: \"h\"";
    assertEquals("connect-timeout", id(base + "connecting to upstream" + tail));
    assertEquals("read-timeout", id(base + "reading response header from upstream" + tail));
    assertEquals("ssl-handshake-timeout", id(base + "SSL handshaking to upstream" + tail));
    // logged by nginx 1.22.1: a 30 MB POST to a backend that never reads, proxy_send_timeout 1s
    assertEquals("send-timeout", id("2026/12/05 13:25:21 [error] 16576#16576: *3 upstream timed out (110: Connection"
        + " timed out) while sending request to upstream, client: 127.0.0.1, server: , request: \"POST /s HTTP/1.1\","
        + " upstream: \"http://127.0.0.1:18092/s\", host: \"127.0.0.1:18090\""));
    assertEquals("ssl-handshake", id("2026/11/23 15:05:18 [error] 1#1: *7 SSL_do_handshake() failed (SSL: error:0A00010B:"
        + "SSL routines::wrong version number) while SSL handshaking to upstream" + tail));
    assertEquals("reset", id("2026/11/23 15:05:18 [error] 1#1: *7 readv() failed (104: Connection reset by peer) while"
        + " reading upstream" + tail));
    assertEquals("broken-pipe", id("2026/11/23 15:05:18 [error] 1#1: *7 writev() failed (32: Broken pipe) while"
        + " sending request to upstream" + tail));
  }

  @Test
  void streamLinesKeepTheirFieldsWithoutTheByteCounters() {
    // logged by nginx 1.22.1's stream module: a TCP proxy to a closed port, and a UDP session out of local ports
    LogLine tcp = LogLineParser.parse("2026/12/05 20:52:35 [error] 27813#27813: *1 connect() failed (111: Connection"
        + " refused) while connecting to upstream, client: 127.0.0.1, server: 127.0.0.1:15400, upstream:"
        + " \"127.0.0.1:15401\", bytes from/to client:0/0, bytes from/to upstream:0/0");
    assertEquals(List.of("127.0.0.1", "127.0.0.1:15400", "127.0.0.1:15401", "connecting to upstream", "refused"),
        List.of(tcp.client(), tcp.server(), tcp.upstream(), tcp.phase(), SignatureCatalog.find(tcp).id()));
    LogLine udp = LogLineParser.parse("2026/12/05 20:50:41 [error] 24806#24806: *1 connect() to 127.0.0.1:5353 failed"
        + " (11: Resource temporarily unavailable) while connecting to upstream, udp client: 127.0.0.1, server:"
        + " 127.0.0.1:5300, upstream: \"127.0.0.1:5353\", bytes from/to client:8/0, bytes from/to upstream:0/0");
    assertEquals(List.of("127.0.0.1", "127.0.0.1:5300", "127.0.0.1:5353", "ip-eagain"),
        List.of(udp.client(), udp.server(), udp.upstream(), SignatureCatalog.find(udp).id()));
    org.junit.jupiter.api.Assertions.assertTrue(tcp.stream() && udp.stream());
    // an http line, and a resolver's own line (no client at all), are not stream lines
    LogLine http = LogLineParser.parse("2026/12/05 13:25:19 [error] 16576#16576: *1 upstream sent no valid HTTP/1.0 header"
        + " while reading response header from upstream, client: 127.0.0.1, server: , request: \"GET /g HTTP/1.1\","
        + " upstream: \"http://127.0.0.1:18091/g\", host: \"127.0.0.1:18090\"");
    LogLine resolver = LogLineParser.parse("2026/12/05 18:29:54 [error] 1692#1692: recv() failed (111: Connection"
        + " refused) while resolving, resolver: 127.0.0.1:56789");
    org.junit.jupiter.api.Assertions.assertFalse(http.stream() || resolver.stream());
  }

  @Test
  void noValidHttp10HeaderKeepsItsName() {
    // logged by nginx 1.22.1 for a backend that answers "garbage" instead of a status line
    LogLine l = LogLineParser.parse("2026/12/05 13:25:19 [error] 16576#16576: *1 upstream sent no valid HTTP/1.0 header"
        + " while reading response header from upstream, client: 127.0.0.1, server: , request: \"GET /g HTTP/1.1\","
        + " upstream: \"http://127.0.0.1:18091/g\", host: \"127.0.0.1:18090\"");
    assertEquals("upstream sent no valid HTTP/1.0 header", l.op());
    assertEquals("invalid-header", SignatureCatalog.find(l.op(), l.errno(), l.phase()).id());
  }

  @Test
  void resolverMessages() {
    LogLine l = LogLineParser.parse("2026/11/23 15:05:15 [error] 2101#2101: *1015 backend.internal could not be resolved"
        + " (3: Host not found), client: 10.0.0.7, server: s, request: \"GET /dyn/a HTTP/1.1\", host: \"s\"");
    assertEquals("could not be resolved", l.op());
    assertEquals("backend.internal", l.upstreamKey());
    LogLine n = LogLineParser.parse("2026/11/23 16:08:03 [error] 19920#19920: *19 no resolver defined to resolve"
        + " backend.invalid, client: 127.0.0.1, server: triage.test, request: \"GET /var/a HTTP/1.1\", host: \"t\"");
    assertEquals("no resolver defined to resolve", n.op());
    assertEquals("backend.invalid", n.upstreamKey());
  }

  @Test
  void unknownMessagesGetAStableName() {
    LogLine l = LogLineParser.parse("2026/11/23 15:05:15 [error] 1#1: *3 open() \"/srv/www/a b.html\" failed"
        + " (2: No such file or directory), client: c, server: s, request: \"GET /a HTTP/1.1\", host: \"h\"");
    assertEquals("open() failed", l.op());
    assertEquals("bind() failed", LogLineParser.parse(
        "2026/11/23 15:05:15 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)").op());
  }

  @Test
  void rejectsGarbage() {
    for (String s : new String[] {"", "   ", "2026/11/23 15:04:05", "2026/11/23 15:04:05 [error]",
        "2026/11/23 15:04:05 [error] 1#1: ", "2026/13/23 15:04:05 [error] 1#1: x happened here",
        "2026/11/23 15:04:05 [bogus] 1#1: something happened", "hello world this is not a log line at all",
        "\u0000\u0001\u0002binary\uFFFD\uFFFD junk 2026/11/23", "2026/11/23 15:04:05 [error] x#1: nope nope nope"}) {
      assertNull(LogLineParser.parse(s), s);
    }
  }

  @Test
  void everyCutOfARealLineIsRejectedOrGroupedAlike() {
    LogLine full = LogLineParser.parse(REFUSED);
    for (int cut = 0; cut < REFUSED.length(); cut++) {
      LogLine l = LogLineParser.parse(REFUSED.substring(0, cut));
      if (l != null) {
        assertEquals(key(full), key(l), "cut at " + cut + ": " + REFUSED.substring(0, cut));
      }
    }
  }

  @Test
  void cutsInsideUtf8AreRejected() {
    byte[] line = (REFUSED.replace("/refused/a", "/caf\u00e9/\u20ac")).getBytes(StandardCharsets.UTF_8);
    int rejected = 0;
    for (int cut = 0; cut < line.length; cut++) {
      if ((line[cut] & 0xC0) == 0x80) { // the cut splits a multi-byte sequence
        String s = new String(line, 0, cut, StandardCharsets.UTF_8);
        assertNull(LogLineParser.parse(s), s);
        rejected++;
      }
    }
    assertTrue(rejected >= 6, "cuts tried: " + rejected);
    assertNotNull(LogLineParser.parse(new String(line, StandardCharsets.UTF_8)));
  }

  @Test
  void gluedLinesAreRejected() {
    assertNull(LogLineParser.parse("2026/11/23 16:08:02 [error] 19920#19920: *2 connect() fai" + REFUSED));
  }

  @Test
  void mutatedLinesNeverThrow() {
    java.util.Random random = new java.util.Random(7);
    String alphabet = " ()[]:*#,\"/0123456789abcwhile upstream client: server: request: \uFFFD\u0000";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder(REFUSED);
      for (int k = random.nextInt(4); k >= 0; k--) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      LogLineParser.parse(sb.toString()); // must not throw
    }
  }

  private static String id(String line) {
    LogLine l = LogLineParser.parse(line);
    assertNotNull(l, line);
    return SignatureCatalog.find(l.op(), l.errno(), l.phase()).id();
  }

  private static String key(LogLine l) {
    return l.op() + "|" + l.errno() + "|" + l.phase() + "|" + l.upstreamKey();
  }
}
