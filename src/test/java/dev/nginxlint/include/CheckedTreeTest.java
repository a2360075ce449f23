package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a check of a checkout reads: its own files only (never this machine's /etc/nginx,
 * /etc/letsencrypt or /run, whose presence differs from machine to machine), relative includes
 * against the conf root wherever the including file was found, and files made at deploy time
 * reported once, as not checked.
 */
class CheckedTreeTest {

  private static final String MAIN = "worker_processes auto;\nevents { worker_connections 4096; }\nworker_rlimit_nofile 8192;\n"
      + "http {\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/sites-enabled/*;\n}\n";
  /** A site that uses a file certbot installs on the server, and one the deploy writes to /run. */
  private static final String SITE = "upstream app { server 127.0.0.1:9000; keepalive 8; keepalive_timeout 4s; }\n"
      + "server {\n    listen 443 ssl;\n    include /etc/letsencrypt/options-ssl-nginx.conf;\n"
      + "    include snippets/proxy.conf;\n    include /run/nginx/allow.conf;\n"
      + "    location / {\n        include /run/nginx/allow.conf;\n        proxy_pass http://app;\n    }\n}\n";
  private static final String PROXY = "proxy_http_version 1.1;\nproxy_set_header Connection \"\";\n";

  /** The checkout, and when {@code host} is set, a machine with nginx, certbot and /run files. */
  private static FileSystem machine(boolean host) throws Exception {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    Path repo = fs.getPath("/home/u/repo");
    Files.createDirectories(repo.resolve("sites-available"));
    Files.createDirectories(repo.resolve("sites-enabled"));
    Files.createDirectories(repo.resolve("snippets"));
    Files.writeString(repo.resolve("nginx.conf"), MAIN);
    Files.writeString(repo.resolve("sites-available/shop"), SITE);
    Files.writeString(repo.resolve("snippets/proxy.conf"), PROXY);
    // as in a git-managed /etc/nginx: an absolute link into the server's conf directory
    Files.createSymbolicLink(repo.resolve("sites-enabled/shop"), fs.getPath("/etc/nginx/sites-available/shop"));
    if (host) {
      Files.createDirectories(fs.getPath("/etc/nginx/sites-available"));
      Files.createDirectories(fs.getPath("/etc/letsencrypt"));
      Files.createDirectories(fs.getPath("/run/nginx"));
      Files.writeString(fs.getPath("/etc/nginx/sites-available/shop"),
          "server { listen 80; location / { proxy_pass http://127.0.0.1:8080; } }\n");
      Files.writeString(fs.getPath("/etc/letsencrypt/options-ssl-nginx.conf"), "ssl_session_cache shared:le:1m;\n");
      Files.writeString(fs.getPath("/run/nginx/allow.conf"), "allow 10.0.0.0/8;\n");
    }
    return fs;
  }

  private static List<String> check(FileSystem fs, String cwd, PrefixMap prefixes, String... inputs) throws Exception {
    ConfigSet set = new ConfigLoader(new NioFileSource(fs, fs.getPath(cwd)), prefixes).load(List.of(inputs));
    List<String> out = new ArrayList<>();
    for (Finding f : new Linter(new Settings(), RuleRegistry.rules()).run(set).findings()) {
      out.add(f.file().displayName() + ":" + f.span().line() + " " + f.rule() + " " + f.message());
    }
    for (ConfigSet.PrefixUse u : set.prefixesUsed()) {
      out.add("prefix " + u.from() + " -> " + u.to());
    }
    return out;
  }

  @Test
  void aCheckoutGivesTheSameFindingsOnAnyMachine() throws Exception {
    List<String> bare;
    List<String> withNginx;
    try (FileSystem fs = machine(false)) {
      bare = check(fs, "/home/u/repo", new PrefixMap(), ".");
    }
    try (FileSystem fs = machine(true)) {
      withNginx = check(fs, "/home/u/repo", new PrefixMap(), ".");
    }
    assertEquals(bare, withNginx);
    // the checkout's site is read through its link, the server's files are named once each
    assertEquals(List.of(
        "sites-available/shop:4 include-not-checked \"/etc/letsencrypt/options-ssl-nginx.conf\" was not checked:"
            + " it is outside the checked files (the server provides it); to check a copy, map its directory,"
            + " e.g. --prefix /etc/letsencrypt=DIR",
        "sites-available/shop:6 include-not-checked \"/run/nginx/allow.conf\" was not checked: files under /run"
            + " are made on the server at run time",
        // an unread include never silences a finding; the message names it (A4)
        "sites-available/shop:9 proxy-timeouts-default proxy_pass has timeouts of 60s or more"
            + " (proxy_connect_timeout 60s (default), proxy_read_timeout 60s (default), proxy_send_timeout 60s"
            + " (default)): a dead or stalled backend holds each request that long; set shorter proxy_*_timeout"
            + " values, unless \"/run/nginx/allow.conf\" (not read here) sets them",
        "prefix /etc/nginx -> ."), bare);
  }

  @Test
  void aCheckOfTheServersOwnConfDirectoryReadsTheServer() throws Exception {
    try (FileSystem fs = machine(true)) {
      Path etc = fs.getPath("/etc/nginx");
      Files.writeString(etc.resolve("nginx.conf"), "events {}\nhttp {\n    include /etc/letsencrypt/options-ssl-nginx.conf;\n"
          + "    include /run/nginx/allow.conf;\n    include /run/nginx/missing.conf;\n}\n");
      List<String> out = check(fs, "/", new PrefixMap(), "/etc/nginx/nginx.conf");
      // present files are read (no finding); only the deploy-time file that is not there is named
      assertEquals(List.of("etc/nginx/nginx.conf:5 include-not-checked \"/run/nginx/missing.conf\" was not checked:"
          + " files under /run are made on the server at run time"), out);
    }
  }

  @Test
  void anExplicitPrefixMapsAndIsReported() throws Exception {
    try (FileSystem fs = machine(false)) {
      Path le = fs.getPath("/home/u/repo/letsencrypt");
      Files.createDirectories(le);
      Files.writeString(le.resolve("options-ssl-nginx.conf"), "ssl_session_cache shared:le:1m;\n");
      PrefixMap map = new PrefixMap();
      map.add(PrefixMap.parse("/etc/letsencrypt=letsencrypt"));
      List<String> out = check(fs, "/home/u/repo", map, ".");
      assertTrue(out.stream().noneMatch(l -> l.contains("letsencrypt/options")), out.toString());
      assertTrue(out.contains("prefix /etc/letsencrypt -> letsencrypt"), out.toString());
      assertTrue(out.contains("prefix /etc/nginx -> ."), out.toString());
    }
  }

  @Test
  void relativeIncludesOfASiteResolveAgainstTheConfRootHoweverTheSiteIsReached() throws Exception {
    try (FileSystem fs = machine(false)) {
      Path repo = fs.getPath("/home/u/repo");
      // a site only in sites-available (enabled by a link made at deploy time), and one in conf.d
      Files.writeString(repo.resolve("sites-available/blog"), "server {\n    listen 80;\n    include snippets/nope.conf;\n"
          + "    include snippets/proxy.conf;\n}\n");
      Files.createDirectories(repo.resolve("conf.d"));
      Files.writeString(repo.resolve("conf.d/api.conf"), "server {\n    listen 81;\n    include snippets/proxy.conf;\n}\n");
      for (String input : List.of(".", "sites-available/blog", "conf.d/api.conf")) {
        List<String> out = check(fs, "/home/u/repo", new PrefixMap(), input);
        // snippets/proxy.conf is found beside nginx.conf; snippets/nope.conf is missing there too
        List<String> notFound = out.stream().filter(l -> l.contains("include-not-found")).toList();
        assertEquals(input.equals("conf.d/api.conf") ? List.of()
            : List.of("sites-available/blog:3 include-not-found open() \"snippets/nope.conf\" failed"
                + " (2: No such file or directory)"), notFound, input + ": " + out);
      }
    }
  }

  @Test
  void aFileRenderedFromATemplateAtStartUpIsNotChecked() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path repo = fs.getPath("/srv/app");
      Files.createDirectories(repo.resolve("templates"));
      Files.writeString(repo.resolve("nginx.conf"), "events {}\nhttp {\n    include conf.d/upstreams.conf;\n"
          + "    include /etc/nginx/conf.d/upstreams.conf;\n}\n");
      Files.writeString(repo.resolve("templates/upstreams.conf.template"),
          "upstream app { server ${APP_HOST}:9000; keepalive 8; }\n");
      List<String> out = check(fs, "/srv/app", new PrefixMap(), ".");
      assertEquals("nginx.conf:3 include-not-checked \"conf.d/upstreams.conf\" was not checked: the container makes"
          + " it from templates/upstreams.conf.template when it starts (the template is checked on its own)", out.get(0));
      assertEquals(1, out.stream().filter(l -> l.contains("include-")).count(), out.toString());
    }
  }

  @Test
  void reportsSayWhichPrefixMappingWasUsed() throws Exception {
    var result = new Linter.Result(List.of(), List.of(), 3, List.of(new ConfigSet.PrefixUse("/etc/nginx", ".")));
    java.io.StringWriter full = new java.io.StringWriter();
    new dev.nginxlint.report.FullReporter().write(result, new java.io.PrintWriter(full, true));
    assertTrue(full.toString().endsWith("No problems found in 3 files.\nPrefix mapping: /etc/nginx -> .\n"),
        full.toString());
    java.io.StringWriter json = new java.io.StringWriter();
    new dev.nginxlint.report.JsonReporter().write(result, new java.io.PrintWriter(json, true));
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString()).get("summary");
    assertEquals("/etc/nginx", summary.get("prefixes").get(0).get("from").asText(), json.toString());
    assertEquals(".", summary.get("prefixes").get(0).get("to").asText(), json.toString());
  }
}
