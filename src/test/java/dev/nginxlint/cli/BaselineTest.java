package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Cli;
import dev.nginxlint.testsupport.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 4: adopt the gate on a legacy tree, then see only new findings. */
class BaselineTest {

  @TempDir
  Path dir;

  private Run run(String... args) {
    return Cli.run(dir, args);
  }

  private static final String CONF = "worker_rlimit_nofile 9000;\nevents {\n    worker_connections 4096;\n}\n"
      + "http {\n    upstream app {\n        server 127.0.0.1:8080;\n    }\n"
      + "    server {\n        listen 80;\n        location / {\n            proxy_pass http://app;\n        }\n    }\n}\n";

  @Test
  void editsAboveDoNotResurrectNewProblemsShowFixedOnesArePruned() throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, CONF.replace("worker_rlimit_nofile 9000;\n", ""));
    Run first = run("check", "--no-config", ".");
    assertEquals(1, first.code());
    long today = first.out().lines().count();
    assertTrue(today >= 4, first.out());

    Run write = run("check", "--no-config", "--write-baseline", "baseline.json", ".");
    assertEquals(0, write.code(), write.err());
    String recorded = Files.readString(dir.resolve("baseline.json"));
    // stable and reviewable: the same run writes the same bytes, and no line numbers are in it
    assertEquals(0, run("check", "--no-config", "--write-baseline", "again.json", ".").code());
    assertEquals(recorded, Files.readString(dir.resolve("again.json")));
    assertTrue(!recorded.contains("\"line\""), recorded);

    Run hidden = run("check", "--no-config", "--baseline", "baseline.json", ".");
    assertEquals(0, hidden.code(), hidden.out() + hidden.err());
    assertEquals("", hidden.out());
    assertTrue(hidden.err().contains("Baseline: " + today + " findings hidden."), hidden.err());

    // lines inserted above: still hidden
    Files.writeString(conf, "# managed by ops\n\n# do not edit by hand\n" + Files.readString(conf));
    assertEquals(0, run("check", "--no-config", "--baseline", "baseline.json", ".").code());

    // a new problem of the same kind elsewhere: reported
    Files.writeString(conf, Files.readString(conf).replace("        location / {",
        "        location /new/ {\n            proxy_pass http://127.0.0.1:9001;\n        }\n        location / {"));
    Run added = run("check", "--no-config", "--baseline", "baseline.json", ".");
    assertEquals(1, added.code());
    assertTrue(added.out().contains("proxy-pass-no-upstream"), added.out());
    // the old findings stay hidden (proxy-timeouts-default, one per server, now stands at the
    // server's first pass, the new one, and says so again)
    assertTrue(!added.out().contains("upstream-keepalive") && !added.out().contains("proxy-http-version")
        && !added.out().contains("worker-rlimit-nofile"), added.out());

    // a baselined problem fixed: its entry matches nothing, is counted, and --write-baseline prunes it
    Files.writeString(conf, Files.readString(conf).replace("events {\n", "worker_rlimit_nofile 9000;\nevents {\n"));
    Run fixed = run("check", "--no-config", "--output-format", "json", "--baseline", "baseline.json", ".");
    // stale: the rlimit entry, and the timeouts entry of the old anchor pass (see above)
    assertTrue(fixed.out().contains("\"baseline\": {\n      \"hidden\": " + (today - 2) + ",\n      \"stale\": 2\n    }"), fixed.out());
    assertEquals(0, run("check", "--no-config", "--write-baseline", "baseline.json", ".").code());
    String pruned = Files.readString(dir.resolve("baseline.json"));
    assertTrue(!pruned.contains("worker-rlimit-nofile"), pruned);
    assertTrue(pruned.contains("proxy-pass-no-upstream"), pruned);
  }

  @Test
  void theConfigFileNamesTheBaselineAndABadFileIsOneLine() throws Exception {
    Files.writeString(dir.resolve("nginx.conf"), CONF);
    assertEquals(0, run("check", "--no-config", "--write-baseline", "nginx-lint-baseline.json", ".").code());
    Files.writeString(dir.resolve(".nginx-lint.yml"), "baseline: nginx-lint-baseline.json\n");
    assertEquals(0, run("check", ".").code());
    Files.writeString(dir.resolve("broken.json"), "{\"findings\": [{\"rule\": 1}]}\n");
    Run bad = run("check", "--no-config", "--baseline", "broken.json", ".");
    assertEquals(2, bad.code());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(bad.err().contains("not a baseline file"), bad.err());
    Run missing = run("check", "--no-config", "--baseline", "nope.json", ".");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--write-baseline"), missing.err());
  }
}
