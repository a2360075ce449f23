package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.rules.FixtureOracle.Fixture;
import dev.nginxlint.rules.FixtureOracle.Kind;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fixtures/README.md's promise, kept by the system's real nginx (1.22.1): every fixture passes
 * {@code nginx -t}, except the bad fixtures of rules whose findings nginx rejects by nature
 * ({@link FixtureOracle#REJECTED_BY_NATURE}: rejected with that rule's message, at a line it
 * reports where nginx names one) and the entries of {@link #NEEDS_ELSEWHERE}, named with what they
 * need from the deployment they model. Fixtures for a newer nginx are NewerNginxFixtureTest's.
 * Fails in CI when nginx is missing.
 */
class FixtureVerdictTest {

  /** Entries that cannot pass here, by what they need from the deployment they model. */
  static final Map<String, String> NEEDS_ELSEWHERE = new TreeMap<>(Map.ofEntries(
      Map.entry("deprecated-directive/bad.conf", "Debian's snakeoil certificate (ssl-cert package)"),
      Map.entry("deprecated-directive/bad-nofix.conf", "Debian's snakeoil certificate (ssl-cert package)"),
      Map.entry("deprecated-directive/fixed.conf", "Debian's snakeoil certificate (ssl-cert package)"),
      Map.entry("directive-not-allowed-here/bad-if-snippet.conf", "a snippet of an if block, not a main config"),
      Map.entry("directive-not-allowed-here/good-if-snippet.conf", "a location-level snippet, not a main config"),
      Map.entry("include-not-checked/bad-deploy-time/nginx.conf", "a file the deployment writes at start-up"),
      Map.entry("include-not-checked/good-in-tree/nginx.conf", "Debian's /etc/nginx/snippets"),
      Map.entry("proxy-buffer-sizes/good-unread-proxy-include.conf", "a linuxserver.io image's /config tree"),
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
      Map.entry("unknown-variable/bad-snippet.conf", "a server-level snippet, not a main config"),
      Map.entry("unknown-directive/good-vod-secure-token.conf", "a server-level snippet with third-party modules"),
      Map.entry("unknown-variable/good-template/nginx.conf", "a template rendered by the image's entrypoint"),
      Map.entry("upstream-static-dns/good-names.conf", "public DNS names (no network here)"),
      Map.entry("upstream-static-dns/good-unset-placeholder/nginx.conf",
          "a template rendered by the image's entrypoint"),
      Map.entry("worker-connections-low/good-snippet.conf", "an http-level snippet, not a main config"),
      Map.entry("worker-processes/good-template-main.conf", "an nginx-tests template (%%TEST_GLOBALS%%)"),
      Map.entry("worker-rlimit-nofile/good-snippet.conf", "an http-level snippet, not a main config")));

  @TempDir
  Path tmp;

  @Test
  void everyFixtureHasTheVerdictItClaims() throws IOException {
    RealNginx.requireOrSkip();
    List<String> wrong = new ArrayList<>();
    List<String> stale = new ArrayList<>(NEEDS_ELSEWHERE.keySet());
    int passed = 0;
    int rejected = 0;
    for (Fixture f : FixtureOracle.all()) {
      if (f.needs() != null) {
        continue; // written for a newer nginx than this one
      }
      stale.remove(f.entry());
      RealNginx.Result r = RealNginx.test(f.main(), Files.createTempDirectory(tmp, "prefix"), true);
      String elsewhere = NEEDS_ELSEWHERE.get(f.entry());
      if (elsewhere != null) {
        if (r.ok()) {
          wrong.add(f.label() + ": passes nginx -t, but is listed as needing " + elsewhere);
        }
        continue;
      }
      boolean mustFail = f.kind() == Kind.BAD && FixtureOracle.REJECTED_BY_NATURE.containsKey(f.rule());
      if (mustFail && r.ok()) {
        wrong.add(f.label() + ": a bad fixture of a rule about what nginx -t rejects, but nginx accepts it");
      } else if (!r.ok()) {
        String problem = FixtureOracle.rejectionProblem(f, r, f.ruleDir().resolve(f.name()));
        if (problem != null) {
          wrong.add(f.label() + ": " + problem);
        } else if (f.rule().equals("proxy-buffer-sizes")) {
          checkQuotesNginx(f, r, wrong);
        }
        rejected += problem == null ? 1 : 0;
      } else {
        passed++;
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertEquals(List.of(), stale, "listed in NEEDS_ELSEWHERE but no such fixture for this nginx");
    assertTrue(passed > 150 && rejected > 10, passed + " passed, " + rejected + " rejected");
  }

  /** A proxy-buffer-sizes finding quotes the check nginx fails with (nginx names the merged block's end). */
  private static void checkQuotesNginx(Fixture f, RealNginx.Result r, List<String> wrong) {
    String nginxSays = FixtureOracle.firstEmerg(r).replaceFirst(" at line \\d+$", "");
    Linter.Result lint = Fixtures.lintFile(f.main().getParent(), f.main().getFileName().toString(), f.settings());
    if (lint.findings().stream().map(Finding::message).noneMatch(msg -> msg.startsWith(nginxSays))) {
      wrong.add(f.label() + ": nginx says \"" + nginxSays + "\", which no proxy-buffer-sizes finding quotes");
    }
  }
}
