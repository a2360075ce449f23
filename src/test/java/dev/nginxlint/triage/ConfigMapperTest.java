package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tying log groups to blocks of a configuration (the config is linted as check lints it). */
class ConfigMapperTest {

  /** Logged by nginx 1.22.1 in the lab (3-keepalive-too-small): no server_name, so "server: ". */
  static final String LAB_99 = "2026/11/23 16:17:35 [crit] 2442#2442: *123 connect() to 127.0.0.1:9000 failed (99:"
      + " Cannot assign requested address) while connecting to upstream, client: 127.0.0.1, server: , request:"
      + " \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:9000/\", host: \"127.0.0.1:8080\"";
  /** Logged by nginx 1.22.1 (test/triage/capture.py): Host header without a port. */
  static final String CAPTURE_TIMEOUT = "2026/12/05 18:29:55 [error] 1692#1692: *6 upstream timed out (110:"
      + " Connection timed out) while connecting to upstream, client: 127.0.0.1, server: , request:"
      + " \"GET /tcp-full/a HTTP/1.1\", upstream: \"http://127.0.0.1:53637/tcp-full/a\", host: \"capture.test\"";

  static ConfigMapper mapper(String conf) throws Exception {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    Path cwd = fs.getPath("/etc/nginx");
    Files.createDirectories(cwd);
    Files.writeString(cwd.resolve("nginx.conf"), conf);
    ConfigSet set = new ConfigLoader(new NioFileSource(fs, cwd), new PrefixMap()).load(List.of("nginx.conf"));
    return new ConfigMapper(set, new Linter(new Settings(), RuleRegistry.rules()).run(set).findings(), "nginx.conf");
  }

  static GroupAccumulator.Group group(String... lines) throws Exception {
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    LogReader.read(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), acc::accept);
    assertEquals(1, acc.groups().size(), acc.groups().toString());
    return acc.groups().get(0);
  }

  static int line(Directive d) {
    return d == null ? -1 : d.span().line();
  }

  @Test
  void anEmptyServerFieldIsTheOnlyServerWithoutAName() throws Exception {
    ConfigMapper m = mapper("""
        events {}
        http {
          server { listen 8080; server_name app.example.com; location / { proxy_pass http://127.0.0.1:9000; } }
          server {
            listen 8080;
            location / { proxy_pass http://127.0.0.1:9001; }
          }
        }
        """);
    assertEquals(4, line(m.map(group(LAB_99)).server()));
  }

  @Test
  void amongUnnamedServersTheDefaultOfTheHostHeadersAddressAndPort() throws Exception {
    // nginx's pick for 127.0.0.1:8080: the default_server one, else the first to listen there;
    // a server on the address itself wins over one on the wildcard address
    String conf = """
        events {}
        http {
          server { listen 8081; }
          server { listen 8080; }
          server { listen 8080 %s; }
          server { listen 127.0.0.1:8080; }
          server { listen 127.0.0.1:8080 %s; }
        }
        """;
    assertEquals(6, line(mapper(conf.formatted("", "")).map(group(LAB_99)).server()));
    assertEquals(7, line(mapper(conf.formatted("", "default_server")).map(group(LAB_99)).server()));
    String wildcard = """
        events {}
        http {
          server { listen 8081; }
          server { listen 8080; }
          server { listen 8080 default_server; }
        }
        """;
    assertEquals(5, line(mapper(wildcard).map(group(LAB_99)).server()));
  }

  @Test
  void amongUnnamedServersTheOnlyOneThatPassesToTheUpstream() throws Exception {
    ConfigMapper m = mapper("""
        events {}
        http {
          upstream app { server 127.0.0.1:9000; keepalive 8; }
          server { listen 8080; location / { return 204; } }
          server {
            listen 8080;
            location / { proxy_pass http://app; }
          }
        }
        """);
    ConfigMapper.Mapping map = m.map(group(LAB_99));
    assertEquals(5, line(map.server()));
    assertEquals(3, line(map.upstream()));
  }

  @Test
  void noGuessWhenTheLineCannotTell() throws Exception {
    // two unnamed servers on port 80 and 8080 and a Host header without a port: either could be it
    ConfigMapper m = mapper("""
        events {}
        http {
          server { listen 80; location / { proxy_pass http://127.0.0.1:9000; } }
          server { listen 8080; location / { proxy_pass http://127.0.0.1:9000; } }
        }
        """);
    assertNull(m.map(group(CAPTURE_TIMEOUT)).server());
    // server_name "" on a port where it is not the default server gets only requests without a
    // Host header; this line has one, so it is the default server of 8080
    ConfigMapper one = mapper("""
        events {}
        http {
          server { listen 80; server_name a.example; }
          server { listen 80; server_name ""; location / { proxy_pass http://127.0.0.1:9000; } }
          server { listen 8080; location / { proxy_pass http://127.0.0.1:9001; } }
        }
        """);
    assertEquals(5, line(one.map(group(CAPTURE_TIMEOUT)).server()));
  }

  /** Lines of test/triage/capture.py's run (nginx 1.22.1, resolvers on loopback ports). */
  static List<String> captured(String... contains) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (String l : Files.readAllLines(TriageDataTest.DATA.resolve("catalog.log"))) {
      for (String c : contains) {
        if (l.contains(c)) {
          out.add(l);
          break;
        }
      }
    }
    return out;
  }

  /** The capture's locations, each with its own resolver, resolver_timeout at http level. */
  static final String RESOLVER_CONF = """
      events {}
      http {
        resolver_timeout 2s;
        server {
          listen 127.0.0.1:8080;
          location /dns-mute/ { resolver 127.0.0.1:40001 ipv6=off; set $h mute.test; proxy_pass http://$h:9000; }
          location /dns-dead/ { resolver 127.0.0.1:56789 ipv6=off; set $h dead.test; proxy_pass http://$h:9000; }
          location /dns-servfail/ { set $h servfail.test; proxy_pass http://$h:9000; }
        }
      }
      """;

  @Test
  void resolverFailuresNameTheResolverInEffect() throws Exception {
    ConfigMapper m = mapper(RESOLVER_CONF);
    ConfigMapper.Mapping mute = m.map(group(captured("mute.test could not be resolved").get(0)));
    assertEquals("resolver-timeout", mute.location() == null ? null : group(captured("mute.test could").get(0)).entry.id());
    assertEquals(List.of(6, 3), mute.settings().stream().map(ConfigMapperTest::line).toList());
    // a location without a resolver: none in effect (nginx would log "no resolver defined" then; the
    // captured line came from a config that had one)
    ConfigMapper.Mapping servfail = m.map(group(captured("servfail.test could not be resolved").get(0)));
    assertEquals(List.of(3), servfail.settings().stream().map(ConfigMapperTest::line).toList());
    // the resolver's own socket error has no request: the resolver directive naming its address
    GroupAccumulator.Group refused = group(captured("while resolving, resolver:").get(0));
    assertEquals("resolver-unreachable", refused.entry.id());
    assertEquals("127.0.0.1:56789", refused.upstream);
    assertEquals(List.of(7, 3), m.map(refused).settings().stream().map(ConfigMapperTest::line).toList());
  }

  @Test
  void resolverLinesInTheReport() throws Exception {
    ConfigMapper m = mapper(RESOLVER_CONF);
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    LogReader.read(Files.newInputStream(TriageDataTest.DATA.resolve("catalog.log")), acc::accept);
    java.util.Map<GroupAccumulator.Group, ConfigMapper.Mapping> maps = new java.util.LinkedHashMap<>();
    for (GroupAccumulator.Group g : acc.groups()) {
      maps.put(g, m.map(g));
    }
    java.io.StringWriter out = new java.io.StringWriter();
    TriageReport.text(new TriageReport.Result(acc, List.of("catalog.log"), maps, null, null, List.of()),
        new java.io.PrintWriter(out));
    String text = out.toString();
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("1 × recv() failed (111: Connection refused) to"
        + " 127.0.0.1:56789 [error]"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("    resolver: resolver 127.0.0.1:56789 ipv6=off in"
        + " location /dns-dead/ (nginx.conf:7); resolver_timeout 2s in http (nginx.conf:3)\n"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("    resolver: resolver 127.0.0.1:40001 ipv6=off in"
        + " location /dns-mute/ (nginx.conf:6); resolver_timeout 2s in http (nginx.conf:3)"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("    resolver: none in effect there; resolver_timeout 2s"
        + " in http (nginx.conf:3)"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("likely: the DNS server answered SERVFAIL"), text);
  }

  @Test
  void errno11OnAnIpUpstreamGetsLocalAndTcpCauses() throws Exception {
    // real: a unix socket with a full accept queue (capture.py)
    GroupAccumulator.Group unix = group(captured("full.sock failed (11").get(0));
    assertEquals("backlog-full", unix.entry.id());
    // real: a UDP stream proxy out of local ports (capture-netns.sh)
    String udpLine = Files.readAllLines(TriageDataTest.DATA.resolve("udp-ports.log")).stream()
        .filter(l -> l.contains("(11: ")).findFirst().orElseThrow();
    GroupAccumulator.Group udp = group(udpLine);
    assertEquals("127.0.0.1:5353", udp.upstream);
    assertEquals("ip-eagain", udp.entry.id());
    org.junit.jupiter.api.Assertions.assertTrue(udp.entry.causes().get(0).contains("proxy_responses"));
    // the same message on a TCP upstream (Linux does not give it: a full TCP queue drops the SYN) still
    // names the TCP causes, so an operator who meets it elsewhere is sent to the backlog
    GroupAccumulator.Group tcp = group(captured("full.sock failed (11").get(0)
        .replaceAll("unix:/tmp/[^ \"]*full.sock:?", "127.0.0.1:9000"));
    assertEquals("127.0.0.1:9000", tcp.upstream);
    assertEquals("ip-eagain", tcp.entry.id());
    org.junit.jupiter.api.Assertions.assertTrue(String.join(" ", tcp.entry.causes()).contains("net.core.somaxconn"));
    // real: what a TCP backend with a full accept queue gives instead
    GroupAccumulator.Group full = group(captured("/tcp-full/a").get(0));
    assertEquals("connect-timeout", full.entry.id());
    org.junit.jupiter.api.Assertions.assertTrue(full.entry.causes().get(0).contains("listen backlog"));
  }

  @Test
  void aStreamLineIsTiedToItsStreamServerNeverToAnHttpBlock() throws Exception {
    // real: a UDP stream session out of local ports (capture-netns.sh); the http upstream has the same address
    String text = report(mapper("""
        events {}
        http {
            upstream web { server 127.0.0.1:5353; }
            server { listen 127.0.0.1:8080; location / { proxy_pass http://web; } }
        }
        stream {
            upstream dns { server 127.0.0.1:5353; }
            server {
                listen 127.0.0.1:5300 udp;
                proxy_responses 1;
                proxy_pass dns;
            }
        }
        """), TriageDataTest.DATA.resolve("udp-ports.log"));
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("    config: upstream dns (nginx.conf:7); proxy_pass dns in"
        + " stream > server (nginx.conf:11); stream server, listen 127.0.0.1:5300 (nginx.conf:8)"), text);
    org.junit.jupiter.api.Assertions.assertFalse(text.contains("upstream web"), text);
  }

  /** The lab's scenario 3-keepalive-too-small config (keepalive 8, 64 concurrent connections under wrk). */
  static String labConfig(String keepalive, String passExtras) throws Exception {
    return Files.readString(Path.of("lab/scenarios/3-keepalive-too-small/nginx.conf"))
        .replace("keepalive 8;", keepalive)
        .replace("proxy_http_version 1.1;\n            proxy_set_header Connection \"\";", passExtras);
  }

  static String report(ConfigMapper m, Path log) throws Exception {
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    LogReader.read(Files.newInputStream(log), acc::accept);
    java.util.Map<GroupAccumulator.Group, ConfigMapper.Mapping> maps = new java.util.LinkedHashMap<>();
    for (GroupAccumulator.Group g : acc.groups()) {
      maps.put(g, m.map(g));
    }
    java.io.StringWriter out = new java.io.StringWriter();
    TriageReport.text(new TriageReport.Result(acc, List.of(log.getFileName().toString()), maps, null, null, List.of()),
        new java.io.PrintWriter(out));
    return out.toString();
  }

  @Test
  void portExhaustionWithKeepaliveSuggestsACacheFromThePeak() throws Exception {
    Path log = LabLogsTest.LAB.resolve("3-keepalive-too-small.error.log");
    GroupAccumulator.Group g = group(Files.readAllLines(log).toArray(new String[0]));
    // 60 distinct client connections of worker 2442 logged errno 99 at 16:17:35 (wrk ran 64)
    assertEquals(60, g.peakConnections);
    assertEquals("2026/11/23 16:17:35", g.peakAt);
    assertEquals(2442, g.peakPid);
    assertEquals(64, KeepaliveAdvice.suggest(60));
    String text = report(mapper(labConfig("keepalive 8;", "proxy_http_version 1.1;\n            proxy_set_header"
        + " Connection \"\";")), log);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("    keepalive: upstream app keeps at most 8 idle"
        + " connections per worker (keepalive, nginx.conf:14), but up to 60 client connections of worker 2442 failed in"
        + " the same second (2026/11/23 16:17:35): the cache is smaller than the concurrency"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("Set keepalive 64 in upstream app"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("keepalive 8 with 64 concurrent connections on one"
        + " worker failed 61,105 of 73,524 requests with errno 99; keepalive 64 failed none"), text);
    // a cache bigger than the peak: the size is not blamed
    String big = report(mapper(labConfig("keepalive 128;", "proxy_http_version 1.1;\n            proxy_set_header"
        + " Connection \"\";")), log);
    org.junit.jupiter.api.Assertions.assertTrue(big.contains("and at most 60 client connections of one worker failed"
        + " in the same second: the cache size may not be the cause"), big);
    // keepalive without HTTP/1.1 upstream: the connections are not reused at all
    String http10 = report(mapper(labConfig("keepalive 8;", "")), log);
    org.junit.jupiter.api.Assertions.assertTrue(http10.contains("has keepalive 8 (nginx.conf:14), but the connections"
        + " are not reused (proxy-connection-header, proxy-http-version below): fix that first"), http10);
    // no keepalive: no keepalive line (upstream-keepalive's finding says it)
    String none = report(mapper(labConfig("", "proxy_http_version 1.1;\n            proxy_set_header"
        + " Connection \"\";")), log);
    org.junit.jupiter.api.Assertions.assertTrue(!none.contains("    keepalive: ") && none.contains("[upstream-keepalive]"),
        none);
  }

  static final Path FPM_LOG = TriageDataTest.DATA.resolveSibling("php-fpm/php-fpm.log");

  @Test
  void phpFpmMaxChildrenIsGroupedPerPool() throws Exception {
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    LogReader.read(Files.newInputStream(FPM_LOG), acc::accept);
    assertEquals(1, acc.groups().size(), "the NOTICE lines are not groups");
    GroupAccumulator.Group g = acc.groups().get(0);
    assertEquals("php-fpm-max-children", g.entry.id());
    assertEquals("php-fpm pool www", g.upstream);
    assertEquals("2", g.errText);
    assertEquals("2026/12/05 19:06:13", g.first);
    assertEquals("warn", g.level);
    assertEquals(1, acc.unparsed(), "the comment line");
    assertEquals(5, acc.ungrouped());
    // pm = ondemand words it without "pm."
    LogLine ondemand = LogLineParser.parse("[05-Dec-2026 19:06:13.123456] WARNING: [pool site_a] server reached"
        + " max_children setting (8), consider raising it");
    assertEquals(FpmLines.MAX_CHILDREN, ondemand.op());
    assertEquals("php-fpm pool site_a", ondemand.upstreamKey());
  }

  static GroupAccumulator.Group fpmGroup() throws Exception {
    return group(Files.readAllLines(FPM_LOG).stream().filter(l -> l.contains("max_children")).toArray(String[]::new));
  }

  @Test
  void aPoolIsTiedToTheFastcgiPassOfItsSocket() throws Exception {
    String two = """
        events {}
        http {
          server {
            listen 80;
            location /legacy/ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; }
            location ~ \\.php$ { fastcgi_pass unix:/run/php/www.sock; }
          }
        }
        """;
    ConfigMapper.Mapping m = mapper(two).map(fpmGroup());
    assertEquals(List.of(6), m.passes().stream().map(ConfigMapperTest::line).toList());
    assertEquals("its socket bears the pool's name www", m.basis());
    // the only fastcgi_pass (Debian's default socket does not name the pool)
    ConfigMapper.Mapping only = mapper("""
        events {}
        http {
          server {
            listen 80;
            location ~ \\.php$ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; }
            location /a/ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; }
          }
        }
        """).map(fpmGroup());
    assertEquals(List.of(5, 6), only.passes().stream().map(ConfigMapperTest::line).toList());
    assertEquals("the only fastcgi_pass target in the configuration", only.basis());
    // two sockets, neither named for the pool: no guess
    ConfigMapper.Mapping none = mapper(two.replace("www.sock", "php7.4-fpm.sock")).map(fpmGroup());
    assertEquals(List.of(), none.passes());
    assertEquals("2 fastcgi_pass targets and none of them named for pool www: see the pool's listen in its php-fpm"
        + " pool file", none.basis());
    // an upstream group of php-fpm sockets
    ConfigMapper.Mapping group = mapper("""
        events {}
        http {
          upstream php { server unix:/run/php/www.sock; }
          upstream other { server unix:/run/php/shop.sock; }
          server {
            listen 80;
            location ~ \\.php$ { fastcgi_pass php; }
            location /shop/ { fastcgi_pass other; }
          }
        }
        """).map(fpmGroup());
    assertEquals(3, line(group.upstream()));
    assertEquals(List.of(7), group.passes().stream().map(ConfigMapperTest::line).toList());
    org.junit.jupiter.api.Assertions.assertTrue(ConfigMapper.namesPool("/run/php/php8.2-fpm-www.sock", "www"));
    org.junit.jupiter.api.Assertions.assertFalse(ConfigMapper.namesPool("/run/php/site_a.sock", "a"));
  }
}
