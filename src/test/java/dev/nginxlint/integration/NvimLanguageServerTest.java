package dev.nginxlint.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.cli.Main;
import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor client: Neovim headless (its built-in vim.lsp) runs test/nvim/quickfix.lua against
 * `nginx-lint server`, sees the upstream-keepalive diagnostic, applies the quick fix and writes the
 * file, which must then hold the bytes `nginx-lint fix` writes.
 */
@Tag("integration")
class NvimLanguageServerTest {

  @TempDir
  Path dir;

  private static final String CONFIG = """
      worker_processes auto;
      worker_rlimit_nofile 8192;
      events { worker_connections 1024; }
      http {
          upstream app {
              server 127.0.0.1:9001;
          }
          server {
              listen 127.0.0.1:8080;
              location / {
                  proxy_pass http://app;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_connect_timeout 5s;
                  proxy_read_timeout 30s;
                  proxy_send_timeout 30s;
              }
          }
      }
      """;

  @Test
  void neovimAppliesTheKeepaliveQuickFixAsFixWould() throws Exception {
    requireNvim();
    Path edited = dir.resolve("editor/nginx.conf");
    Path cli = dir.resolve("cli/nginx.conf");
    Files.createDirectories(edited.getParent());
    Files.createDirectories(cli.getParent());
    Files.writeString(edited, CONFIG);
    Files.writeString(cli, CONFIG);

    // the server runs from the test's class path (no jar needed), with this JVM
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String serverCmd = "[" + String.join(",", List.of(json(javaBin), json("-cp"),
        json(System.getProperty("java.class.path")), json("dev.nginxlint.cli.Main"), json("server"))) + "]";
    Path log = dir.resolve("nvim.log");
    ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "--clean", "-n", "-c",
        "luafile " + Fixtures.repo().resolve("test/nvim/quickfix.lua"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("NGINX_LINT_SERVER_CMD", serverCmd);
    pb.environment().put("NGINX_LINT_FILE", edited.toString());
    pb.environment().put("NGINX_LINT_RULE", "upstream-keepalive");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("nvim did not finish in 3 minutes:\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    System.out.println(out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("diagnostic: upstream-keepalive at line 5"), out);

    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), java.io.InputStream.nullInputStream(), cli.getParent(),
        // the editor applied one rule's quick fix: the command line fixes that rule alone (other rules,
        // such as upstream-keepalive-timeout on the keepalive line the fix adds, have their own)
        "fix", "--no-config", "--select", "upstream-keepalive", "nginx.conf");
    assertEquals(0, code, o + "\n" + e);
    String fixed = Files.readString(cli);
    assertNotEquals(CONFIG, fixed);
    assertEquals(fixed, Files.readString(edited), "the editor's quick fix and `nginx-lint fix` write the same bytes");
    if (RealNginx.available()) {
      assertTrue(RealNginx.test(edited, dir).ok(), "nginx -t accepts the fixed file");
    }
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Neovim is installed by .ci/run: a missing nvim fails the test on CI and skips it elsewhere. */
  private static void requireNvim() throws InterruptedException {
    boolean found;
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v nvim").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      found = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (!found && RealNginx.onCi()) {
      throw new AssertionError("nvim is required on CI (apt-get install neovim)");
    }
    Assumptions.assumeTrue(found, "nvim not installed");
  }
}
