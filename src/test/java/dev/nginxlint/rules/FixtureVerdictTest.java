package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fixtures/README.md's promise, kept by real nginx 1.22.1: every fixture entry (a .conf, or a
 * directory's nginx.conf) passes {@code nginx -t}, except the bad fixtures of rules that report
 * what nginx -t rejects (they must fail) and the entries named in {@link #NEEDS_ELSEWHERE} with the
 * reason they cannot pass on a test machine. Fixtures for a newer nginx (header nginx-version above
 * 1.22.1) are left to the test that runs a newer nginx. Fails in CI when nginx is missing.
 */
class FixtureVerdictTest {

  static final NginxVersion ORACLE = new NginxVersion(1, 22, 1);

  /** Rules whose findings say "nginx -t fails": their bad fixtures must be rejected. */
  static final Set<String> REJECTED_BY_NATURE = Set.of("block-mismatch", "directive-not-allowed-here",
      "directive-version", "duplicate-directive", "invalid-argument-count", "invalid-flag-value", "proxy-buffer-sizes",
      "unknown-directive", "unknown-variable", "syntax-error", "include-cycle", "include-not-found");

  /** Entries that cannot pass here, by what they need from the deployment they model. */
  static final Map<String, String> NEEDS_ELSEWHERE = new TreeMap<>(Map.ofEntries(
      Map.entry("deprecated-directive/bad.conf", "Debian's snakeoil certificate (ssl-cert package)"),
      Map.entry("deprecated-directive/bad-nofix.conf", "Debian's snakeoil certificate (ssl-cert package)"),
      Map.entry("deprecated-directive/fixed.conf", "Debian's snakeoil certificate (ssl-cert package)"),
      Map.entry("directive-not-allowed-here/good-if-snippet.conf", "a location-level snippet, not a main config"),
      Map.entry("directive-version/good-implied.conf", "http2 on, which needs nginx >= 1.25.1 (the implied version)"),
      Map.entry("include-not-checked/bad-deploy-time/nginx.conf", "a file the deployment writes at start-up"),
      Map.entry("include-not-checked/good-in-tree/nginx.conf", "Debian's /etc/nginx/snippets"),
      Map.entry("proxy-http-version/bad-unread-include/nginx.conf", "certbot's options-ssl-nginx.conf"),
      Map.entry("proxy-http-version/bad-unread-include.fixed/nginx.conf", "certbot's options-ssl-nginx.conf"),
      Map.entry("proxy-http-version/good-unread-proxy-include/nginx.conf", "a linuxserver.io image's /config tree"),
      Map.entry("proxy-timeouts-default/bad-unix-socket.conf", "a fastcgi_params beside the config (Debian's)"),
      Map.entry("proxy-timeouts-default/bad-unix-socket.fixed.conf", "a fastcgi_params beside the config (Debian's)"),
      Map.entry("template-envsubst-swallows-variable/bad-env/nginx.conf", "the bug it shows: envsubst ate $backend"),
      Map.entry("template-envsubst-swallows-variable/bad-proxy-env/nginx.conf",
          "the bug it shows: envsubst ate $backend_host"),
      Map.entry("template-envsubst-swallows-variable/good-env/nginx.conf",
          "a template rendered by the image's entrypoint, not read by nginx as it is"),
      Map.entry("unknown-directive/good-nginx-plus.conf", "NGINX Plus (keyval_zone)"),
      Map.entry("unknown-directive/good-template-placeholder.conf", "an nginx-tests template (%%TEST_GLOBALS%%)"),
      Map.entry("unknown-directive/good-vod-secure-token.conf", "a server-level snippet with third-party modules"),
      Map.entry("unknown-variable/good-template/nginx.conf", "a template rendered by the image's entrypoint"),
      Map.entry("upstream-static-dns/bad.conf", "Compose service names, resolvable only in their network"),
      Map.entry("upstream-static-dns/good-names.conf", "public DNS names (no network here)"),
      Map.entry("upstream-static-dns/good-unset-placeholder/nginx.conf",
          "a template rendered by the image's entrypoint"),
      Map.entry("worker-connections-low/good-snippet.conf", "an http-level snippet, not a main config"),
      Map.entry("worker-processes/good-template-main.conf", "an nginx-tests template (%%TEST_GLOBALS%%)"),
      Map.entry("worker-rlimit-nofile/good-snippet.conf", "an http-level snippet, not a main config")));

  private static final Pattern HEADER_VERSION = Pattern.compile("^" + Pattern.quote(Fixtures.HEADER) + ".*\\bnginx-version=(\\S+)");
  private static final Pattern EMERG = Pattern.compile("\\[emerg\\] (.*?)(?: in \\S+:\\d+)?$", Pattern.MULTILINE);

  @TempDir
  Path tmp;

  @Test
  void everyFixtureHasTheVerdictItClaims() throws IOException {
    RealNginx.requireOrSkip();
    Path fixtures = Fixtures.fixturesDir();
    List<String> wrong = new ArrayList<>();
    List<String> stale = new ArrayList<>(NEEDS_ELSEWHERE.keySet());
    int passed = 0;
    int rejected = 0;
    for (Path entry : entries(fixtures)) {
      String rel = fixtures.relativize(entry).toString().replace('\\', '/');
      String name = rel.substring(rel.indexOf('/') + 1);
      String rule = rel.substring(0, rel.indexOf('/'));
      String key = rel;
      Matcher v = HEADER_VERSION.matcher(Fixtures.firstLine(entry));
      if (v.find() && NginxVersion.parse(v.group(1)).compareTo(ORACLE) > 0 && !NEEDS_ELSEWHERE.containsKey(key)) {
        continue; // written for a newer nginx than this oracle
      }
      stale.remove(key);
      boolean mustFail = REJECTED_BY_NATURE.contains(rule) && name.startsWith("bad") && !name.contains(".fixed");
      RealNginx.Result r = RealNginx.test(entry, Files.createTempDirectory(tmp, "prefix"), true);
      if (NEEDS_ELSEWHERE.containsKey(key)) {
        if (r.ok()) {
          wrong.add(rel + ": passes nginx -t, but is listed as needing " + NEEDS_ELSEWHERE.get(key));
        }
        continue;
      }
      if (mustFail == r.ok()) {
        wrong.add(rel + (mustFail ? ": a bad fixture of a rule about nginx -t failures, but nginx accepts it"
            : ": nginx -t fails: " + r.messages().strip()));
      } else if (mustFail) {
        rejected++;
        if (rule.equals("proxy-buffer-sizes")) {
          checkQuotesNginx(entry, r, wrong, rel);
        }
      } else {
        passed++;
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertEquals(List.of(), stale, "listed in NEEDS_ELSEWHERE but no such fixture");
    assertTrue(passed > 150 && rejected > 10, passed + " passed, " + rejected + " rejected");
  }

  /** A proxy-buffer-sizes finding quotes the check nginx fails with, word for word. */
  private static void checkQuotesNginx(Path entry, RealNginx.Result r, List<String> wrong, String rel) {
    Matcher m = EMERG.matcher(r.messages());
    String nginxSays = m.find() ? m.group(1) : r.messages();
    Linter.Result lint = Fixtures.lintFile(entry.getParent(), entry.getFileName().toString(),
        Fixtures.settingsFromHeader(Fixtures.firstLine(entry)));
    boolean quoted = lint.findings().stream().map(Finding::message).anyMatch(msg -> msg.startsWith(nginxSays));
    if (!quoted) {
      wrong.add(rel + ": nginx says \"" + nginxSays + "\", which no proxy-buffer-sizes finding quotes");
    }
  }

  /** Every .conf of a rule directory, and the nginx.conf of each directory fixture. */
  static List<Path> entries(Path fixtures) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> rules = Files.list(fixtures)) {
      for (Path ruleDir : rules.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> s = Files.list(ruleDir)) {
          for (Path p : s.sorted().toList()) {
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("nginx.conf"))) {
              out.add(p.resolve("nginx.conf"));
            } else if (p.getFileName().toString().endsWith(".conf")) {
              out.add(p);
            }
          }
        }
      }
    }
    return out;
  }
}
