package dev.nginxlint.fix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.cli.Main;
import dev.nginxlint.testsupport.RealNginx;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 1: a reverse-proxy product's events {} and http {} include files that exist
 * only on the deployed server (globs under a data directory, the documented place for users'
 * own settings). The safe fix must not add what those files may set: after `fix`, the user's
 * deploy-time files are added with the same directives and real nginx -t must still pass.
 */
class DeployTimeIncludeFixTest {

  @TempDir
  Path tmp;

  private int run(Path cwd, StringWriter out, String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]), cwd, args);
  }

  @Test
  void safeFixesLeaveRoomForTheDeployTimeFiles() throws Exception {
    RealNginx.requireOrSkip();
    Path custom = tmp.resolve("data/custom");
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    Files.createDirectories(custom);
    String conf = "events {\n"
        + "    include " + custom + "/events[.]conf;\n"
        + "}\n"
        + "http {\n"
        + "    include " + custom + "/http[.]conf;\n"
        + "    upstream app {\n"
        + "        server 127.0.0.1:18980;\n"
        + "        keepalive 8;\n"
        + "    }\n"
        + "    server {\n"
        + "        listen 127.0.0.1:18981;\n"
        + "        location / {\n"
        + "            proxy_http_version 1.1;\n"
        + "            proxy_set_header Connection \"\";\n"
        + "            proxy_pass http://app;\n"
        + "        }\n"
        + "    }\n"
        + "}\n";
    Path main = repo.resolve("nginx.conf");
    Files.writeString(main, conf);
    assertTrue(RealNginx.test(main, Files.createDirectories(tmp.resolve("p0"))).ok(), "the original passes nginx -t");

    StringWriter report = new StringWriter();
    run(repo, report, "check", "--no-config", "--output-format", "json", ".");
    // the finding is there, its fix is no longer safe, and says why
    assertTrue(report.toString().contains("\"rule\": \"worker-connections-low\""), report.toString());
    assertTrue(report.toString().contains("brings nothing in here"), report.toString());

    StringWriter fixOut = new StringWriter();
    run(repo, fixOut, "fix", "--no-config", ".");
    assertFalse(Files.readString(main).contains("worker_connections"),
        "a safe fix added worker_connections next to the deploy-time events include:\n" + Files.readString(main));

    // deployment: the user's own files set the same directives
    Files.writeString(custom.resolve("events.conf"), "worker_connections 2048;\n");
    Files.writeString(custom.resolve("http.conf"), "keepalive_timeout 30s;\nproxy_connect_timeout 5s;\n");
    RealNginx.Result after = RealNginx.test(main, Files.createDirectories(tmp.resolve("p1")));
    assertTrue(after.ok(), "nginx -t after fix + deploy-time files:\n" + after.output() + "\n" + Files.readString(main));

    // worker_rlimit_nofile (sized from worker_connections, which the events file may set) was not added either
    assertFalse(Files.readString(main).contains("worker_rlimit_nofile"), Files.readString(main));
  }
}
