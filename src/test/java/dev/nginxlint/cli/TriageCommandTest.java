package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** {@code nginx-lint triage} end to end through {@link Main#run(Io, String...)} on an in-memory file system. */
class TriageCommandTest {

  private static final Path RESOURCES = Path.of("src/test/resources/triage");

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path cwd = fs.getPath("/work");

  private record Run(int code, String out, String err) {}

  @BeforeEach
  void copyData() throws IOException {
    for (String f : List.of("small.log", "config/nginx.conf", "config/conf.d/up.conf", "nginx/upstream-errors.log")) {
      Path to = cwd.resolve(f);
      Files.createDirectories(to.getParent());
      Files.write(to, Files.readAllBytes(RESOURCES.resolve(f)));
    }
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private Run triage(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "triage";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(new Io(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(stdin), fs, cwd), all);
    return new Run(code, out.toString(), err.toString());
  }

  private Run triage(String... args) {
    return triage(new byte[0], args);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Run r) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(r.out());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> groups(Run r) {
    return (List<Map<String, Object>>) json(r).get("groups");
  }

  @Test
  void textReportCountsAndExitsOne() {
    Run r = triage("small.log");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().startsWith("nginx-lint triage: 5 lines read (small.log), 2 groups, 0 unparsed"), r.out());
    assertTrue(r.out().contains("3 × connect() failed (99: Cannot assign requested address) to 127.0.0.1:8080 [crit]"),
        r.out());
    assertTrue(r.out().contains("likely: ephemeral ports exhausted"), r.out());
    assertTrue(r.out().contains("2026/11/23 15:05                                          0"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void jsonShape() {
    Run r = triage("--output-format", "json", "small.log");
    assertEquals(1, r.code(), r.err());
    Map<String, Object> root = json(r);
    assertEquals(5, root.get("lines"));
    assertEquals(0, root.get("unparsed"));
    Map<String, Object> g = groups(r).get(0);
    assertEquals("connect() failed", g.get("signature"));
    assertEquals(99, g.get("errno"));
    assertEquals(3, g.get("count"));
    assertEquals("127.0.0.1:8080", g.get("upstream"));
    assertEquals("2026/11/23 15:04:05", g.get("first"));
    assertEquals("2026/11/23 15:06:01", g.get("last"));
    assertEquals("crit", g.get("level"));
    assertFalse(((List<?>) g.get("causes")).isEmpty());
    assertTrue(((List<?>) g.get("rules")).contains("upstream-keepalive"));
    assertNull(g.get("config"));
    assertEquals(1, ((Map<?, ?>) g.get("histogram")).get("bucketMinutes"));
  }

  @Test
  void configMapsGroupsToBlocksAndFindings() {
    Run r = triage("--output-format", "json", "--config", "config", "small.log");
    assertEquals(1, r.code(), r.err());
    Map<String, Object> g = groups(r).get(0);
    assertEquals(Map.of("file", "config/conf.d/up.conf", "line", 2), g.get("config"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> findings = (List<Map<String, Object>>) g.get("findings");
    Map<String, Object> keepalive = findings.stream().filter(f -> f.get("rule").equals("upstream-keepalive"))
        .findFirst().orElseThrow();
    assertEquals("config/conf.d/up.conf", keepalive.get("file"));
    assertEquals(2, keepalive.get("line"));
    assertTrue(findings.stream().anyMatch(f -> f.get("rule").equals("proxy-http-version")
        && f.get("line").equals(11)), findings.toString());
    assertEquals("location /api/", ((Map<?, ?>) g.get("location")).get("directive"));
    assertEquals("server", ((Map<?, ?>) g.get("server")).get("directive").toString().split(" ")[0]);
    assertTrue(g.get("fix").toString().startsWith("nginx-lint fix "), String.valueOf(g.get("fix")));
    // the refused group goes to the literal proxy_pass in location /
    Map<String, Object> refused = groups(r).get(1);
    assertEquals(Map.of("file", "config/nginx.conf", "line", 14), refused.get("config"));

    Run text = triage("--config", "config", "small.log");
    assertTrue(text.out().contains("3 × connect() failed (99: Cannot assign requested address) to 127.0.0.1:8080"
        + " via upstream app_backend (config/conf.d/up.conf:2) [crit]"), text.out());
    assertTrue(text.out().contains("[upstream-keepalive]"), text.out());
    assertTrue(text.out().contains("best guess"), text.out());
  }

  @Test
  void noLiveUpstreamsFindsTheGroupByName() throws IOException {
    Files.writeString(cwd.resolve("flaky.conf"), "events {}\nhttp {\n  upstream flaky {\n    server 127.0.0.1:1;\n"
        + "    server 127.0.0.1:2;\n  }\n  server {\n    server_name triage.test;\n"
        + "    location /flaky/ { proxy_pass http://flaky; }\n  }\n}\n");
    Run r = triage("--output-format", "json", "--config", "flaky.conf", "nginx/upstream-errors.log");
    Map<String, Object> g = groups(r).stream().filter(x -> x.get("signature").equals("no live upstreams"))
        .findFirst().orElseThrow();
    assertEquals(Map.of("file", "flaky.conf", "line", 3), g.get("config"));
    assertTrue(g.get("findings").toString().contains("upstream-max-fails"), g.toString());
  }

  @Test
  void timeWindow() {
    Run r = triage("--output-format", "json", "--since", "2026/11/23 15:05:00", "--until", "2026-11-23T15:06:30",
        "small.log");
    Map<String, Object> root = json(r);
    assertEquals(4, root.get("outsideWindow"));
    assertEquals(1, groups(r).get(0).get("count"));
    Run none = triage("--since", "2026-11-24", "small.log");
    assertEquals(0, none.code(), none.err());
    Run bad = triage("--since", "yesterday", "small.log");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("nginx-lint: --since/--until: cannot read time \"yesterday\""), bad.err());
  }

  @Test
  void stdinAndGzipWithoutTheSuffix() throws IOException {
    byte[] log = Files.readAllBytes(cwd.resolve("small.log"));
    Run stdin = triage(log, "--output-format", "json");
    assertEquals(List.of("stdin"), json(stdin).get("sources"));
    assertEquals(2, groups(stdin).size());
    Run dash = triage(log, "--output-format", "json", "-");
    assertEquals(2, groups(dash).size());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(log);
    }
    Files.write(cwd.resolve("error.log.1"), bytes.toByteArray());
    Run gz = triage("--output-format", "json", "error.log.1", "small.log");
    assertEquals(6, groups(gz).get(0).get("count"));
    assertEquals(10, json(gz).get("lines"));
  }

  @Test
  void missingLogIsOneLineExitTwo() {
    Run r = triage("nope.log");
    assertEquals(2, r.code());
    assertEquals("nginx-lint: cannot read nope.log: No such file or directory\n", r.err());
    Run c = triage("--config", "nowhere", "small.log");
    assertEquals(2, c.code());
    assertEquals(1, c.err().split("\n").length, c.err());
  }

  @Test
  void quietLogExitsZero() throws IOException {
    Files.writeString(cwd.resolve("quiet.log"), "2026/11/23 15:08:00 [notice] 2100#2100: signal process started\n");
    Run r = triage("quiet.log");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("0 groups"), r.out());
  }

  @Test
  void hostFactsWithoutProcAreNotes() {
    Run r = triage("--output-format", "json", "--host-facts", "small.log");
    assertEquals(1, r.code(), r.err());
    Map<?, ?> facts = (Map<?, ?>) json(r).get("hostFacts");
    assertFalse(((List<?>) facts.get("notes")).isEmpty());
    Run off = triage("--output-format", "json", "small.log");
    assertNull(json(off).get("hostFacts"));
  }

  @Test
  void hostFactsNameTheDestinationNearItsPortLimit() throws IOException {
    Path proc = fs.getPath("/proc");
    Path from = RESOURCES.resolve("proc");
    try (var files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path to = proc.resolve(from.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.write(to, Files.readAllBytes(f));
      }
    }
    Files.writeString(cwd.resolve("ports.log"), "2026/11/23 16:17:35 [crit] 2442#2442: *123 connect() to 127.0.0.1:9000"
        + " failed (99: Cannot assign requested address) while connecting to upstream, client: 127.0.0.1, server: ,"
        + " request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:9000/\", host: \"127.0.0.1:8080\"\n");
    Run r = triage("--host-facts", "ports.log");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("TIME-WAIT sockets: 11 in all (ephemeral ports 40000-40007: 8 per destination ip:port)"),
        r.out());
    assertTrue(r.out().contains("to 127.0.0.1:9000: 6 (an upstream in the log; 75% of the ports — close to running out"),
        r.out());
    assertTrue(r.out().contains("to [::1]:9001: 2 (25% of the ports)"), r.out());
    assertTrue(r.out().contains("at 127.0.0.1:8080: 2 (connections to this host's port that this host closed first)"),
        r.out());
    assertTrue(r.out().contains("CLOSE-WAIT sockets: 3 in all"), r.out());
    assertTrue(r.out().contains("at 127.0.0.1:9000: 3 (the process listening there does not close"), r.out());
    assertTrue(r.out().contains("listen queue overflows since boot: 1234 (TcpExt ListenOverflows; ListenDrops 1240)"),
        r.out());
    assertTrue(r.out().contains("net.core.somaxconn 4096"), r.out());
  }

  @Test
  void phpFpmLogBesideNginxLog() throws IOException {
    Files.write(cwd.resolve("php-fpm.log"), Files.readAllBytes(RESOURCES.resolve("php-fpm/php-fpm.log")));
    Files.writeString(cwd.resolve("php.conf"), "events {}\nhttp {\n  server {\n    listen 80;\n"
        + "    location ~ \\.php$ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; }\n  }\n}\n");
    Run r = triage("nginx/upstream-errors.log", "php-fpm.log", "--config", "php.conf");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("(nginx/upstream-errors.log, php-fpm.log)"), r.out());
    assertTrue(r.out().contains("1 × server reached pm.max_children setting (2) in php-fpm pool www [warn]"), r.out());
    assertTrue(r.out().contains("    config: fastcgi_pass unix:/run/php/php8.2-fpm.sock in location ~ \\.php$"
        + " (php.conf:5); server without server_name, listen 80 (php.conf:3) — the only fastcgi_pass target in the"
        + " configuration"), r.out());
    assertTrue(r.out().contains("raise pm.max_children"), r.out());
  }
}
