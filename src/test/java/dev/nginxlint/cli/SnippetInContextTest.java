package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A snippet named on its own (pre-commit passes only the changed file) is checked inside the
 * nginx.conf that includes it, so settings inherited from {@code http {}} count, and only findings
 * located in the named file (or in files it includes) are reported.
 */
class SnippetInContextTest {

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path cwd = fs.getPath("/work");

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private void write(String path, String text) throws IOException {
    Path p = cwd.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new Io(new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]), fs, cwd), args);
    return new Run(code, out.toString(), err.toString());
  }

  private List<String> check(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "check";
    all[1] = "--output-format";
    all[2] = "concise";
    System.arraycopy(args, 0, all, 3, args.length);
    String o = run(all).out().strip();
    return o.isEmpty() ? List.of() : List.of(o.split("\n"));
  }

  private static final String MAIN = """
      events { worker_connections 4096; }
      worker_rlimit_nofile 16384;
      http {
          proxy_connect_timeout 5s;
          proxy_read_timeout 30s;
          proxy_send_timeout 30s;
          proxy_http_version 1.1;
          proxy_set_header Connection "";
          resolver 127.0.0.53;
          include conf.d/*.conf;
      }
      """;

  private static final String SNIPPET = """
      upstream app {
          server 127.0.0.1:9000;
          keepalive 32;
          keepalive_timeout 4s;
      }
      server {
          listen 8081;
          location / {
              proxy_pass http://app;
          }
          location /v {
              set $h app.internal;
              proxy_pass http://$h:9000;
          }
      }
      """;

  @Test
  void snippetInheritsFromTheMainConfigThatIncludesIt() throws IOException {
    write("nginx.conf", MAIN);
    write("conf.d/app.conf", SNIPPET);
    assertEquals(List.of(), check("conf.d/app.conf"));
  }

  @Test
  void findingsInTheSnippetAreStillReportedAndOnlyThose() throws IOException {
    write("nginx.conf", MAIN.replace("events { worker_connections 4096; }", "events {}"));
    write("conf.d/app.conf", SNIPPET.replace("    keepalive 32;\n", ""));
    List<String> lines = check("conf.d/app.conf");
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("conf.d/app.conf:1:1: upstream-keepalive"), lines.get(0));
    // the whole tree, when asked for, still reports the main config's own problem
    assertTrue(check(".").stream().anyMatch(l -> l.startsWith("nginx.conf:1:1: worker-connections-low")));
  }

  @Test
  void snippetNoMainConfigIncludesIsCheckedAlone() throws IOException {
    write("nginx.conf", MAIN.replace("include conf.d/*.conf;", ""));
    write("conf.d/app.conf", SNIPPET);
    List<String> lines = check("conf.d/app.conf");
    // nothing tells us what http {} sets around it: the standalone analysis reports the gaps
    assertTrue(lines.stream().anyMatch(l -> l.contains("proxy-pass-resolver")), String.join("\n", lines));
  }

  @Test
  void snippetReachedThroughSitesEnabledSymlink() throws IOException {
    write("nginx.conf", MAIN.replace("conf.d/*.conf", "sites-enabled/*"));
    write("sites-available/app", SNIPPET);
    Files.createDirectories(cwd.resolve("sites-enabled"));
    Files.createSymbolicLink(cwd.resolve("sites-enabled/app"), fs.getPath("../sites-available/app"));
    assertEquals(List.of(), check("sites-available/app"));
  }

  @Test
  void fixingANamedSnippetEditsOnlyThatSnippet() throws IOException {
    String main = MAIN.replace("events { worker_connections 4096; }", "events {}");
    write("nginx.conf", main);
    write("conf.d/app.conf", SNIPPET.replace("    keepalive 32;\n", ""));
    Run r = run("fix", "--unsafe-fixes", "conf.d/app.conf");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(main, Files.readString(cwd.resolve("nginx.conf")), "the context is not the user's file");
    assertTrue(Files.readString(cwd.resolve("conf.d/app.conf")).contains("keepalive"));
  }

  @Test
  void brokenMainConfigLeavesTheSnippetCheckedAlone() throws IOException {
    write("nginx.conf", MAIN.replace("resolver 127.0.0.53;", "resolver 127.0.0.53"));
    write("conf.d/app.conf", SNIPPET);
    List<String> lines = check("conf.d/app.conf");
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("nginx.conf")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("proxy-pass-resolver")), String.join("\n", lines));
  }
}
