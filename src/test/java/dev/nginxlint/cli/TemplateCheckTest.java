package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `*.template` files (the Docker image's envsubst input) through `nginx-lint check`: placeholders
 * are literal text, never nginx variables; --env / --env-file give them values; findings stay at
 * the template's own positions; fixes never rewrite a placeholder.
 */
class TemplateCheckTest {

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path cwd = fs.getPath("/work");

  @TempDir
  Path tmp;

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private record Run(int code, String out, String err) {}

  private void write(String path, String text) throws IOException {
    Path p = cwd.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private Run check(String... args) {
    List<String> all = new ArrayList<>(List.of("--no-config"));
    all.addAll(List.of(args));
    return checkWithConfig(all.toArray(String[]::new));
  }

  private Run checkWithConfig(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("check", "--output-format", "concise"));
    all.addAll(List.of(args));
    int code = Main.run(new Io(new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]), fs, cwd), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static final String MAIN = "events {\n    worker_connections 4096;\n}\nworker_rlimit_nofile 16384;\n"
      + "http {\n    include templates/*.template;\n}\n";

  private static final String TEMPLATE = """
      server {
          listen ${LISTEN_PORT};
          server_name ${SERVER_NAME};
          location / {
              proxy_set_header Host $host;
              proxy_pass http://${BACKEND_HOST}:${BACKEND_PORT};
          }
      }
      """;

  @Test
  void placeholdersAreLiteralTextNotVariables() throws IOException {
    write("nginx.conf", MAIN);
    write("templates/default.conf.template", TEMPLATE);
    Run r = check("--select", "unknown-variable,proxy-pass-resolver,proxy-pass-no-upstream,template-envsubst-swallows-variable",
        "nginx.conf");
    // a literal host:port proxy_pass as deployed: no resolver question, no unknown variable
    assertTrue(r.out().startsWith("templates/default.conf.template:6:9: proxy-pass-no-upstream proxy_pass"
        + " http://BACKEND_HOST:BACKEND_PORT connects"), r.out());
    assertEquals(1, r.out().lines().count(), r.out());
    assertEquals(1, r.code());
  }

  @Test
  void envValuesAreSubstitutedAndPositionsStayTheTemplates() throws IOException {
    write("nginx.conf", "events {\n    worker_connections 4096;\n}\nworker_rlimit_nofile 16384;\n"
        + "http {\n    upstream app {\n        server 127.0.0.1:9001;\n    }\n    include templates/*.template;\n}\n");
    write("templates/default.conf.template", "server {\n    location / {\n"
        + "        proxy_pass http://${BACKEND};\n    }\n}\n");
    Run r = check("--select", "upstream-keepalive,proxy-pass-no-upstream,unknown-variable", "--env", "BACKEND=app",
        "nginx.conf");
    // with BACKEND=app the template proxies to the group: its keepalive rule applies
    assertEquals("nginx.conf:6:5: upstream-keepalive upstream \"app\" is used by proxy_pass but has no keepalive:"
        + " every request opens a new connection\n", r.out());
  }

  @Test
  void envFileAndSwallowedVariable() throws IOException {
    write("nginx.conf", MAIN);
    write("templates/default.conf.template", TEMPLATE);
    Path env = tmp.resolve("app.env");
    Files.writeString(env, "# the container's environment\nLISTEN_PORT=8080\nSERVER_NAME=example.org\n"
        + "export BACKEND_HOST='127.0.0.1'\nBACKEND_PORT=9001\nhost=example.org\n", StandardCharsets.UTF_8);
    Run r = check("--select", "template-envsubst-swallows-variable,unknown-variable", "--env-file", env.toString(),
        "nginx.conf");
    assertTrue(r.out().startsWith("templates/default.conf.template:5:31: template-envsubst-swallows-variable"
        + " envsubst replaces $host"), r.out());
    assertEquals(1, r.out().lines().count(), r.out());
  }

  @Test
  void environmentFromTheConfigFileAndEnvOnTop() throws IOException {
    write("nginx.conf", MAIN);
    write("templates/default.conf.template", TEMPLATE);
    write("deploy/app.env", "BACKEND_HOST=127.0.0.1\nBACKEND_PORT=9001\n");
    write(".nginx-lint.yml", "env: {LISTEN_PORT: 8080, SERVER_NAME: example.org}\nenv-file: deploy/app.env\n");
    Run r = checkWithConfig("--select", "unknown-variable,template-envsubst-swallows-variable", "nginx.conf");
    assertEquals("", r.out());
    assertEquals(0, r.code(), r.err());
    // --env adds to the file's environment: host is now defined, and $host is swallowed
    Run swallowed = checkWithConfig("--select", "template-envsubst-swallows-variable", "--env", "host=x", "nginx.conf");
    assertTrue(swallowed.out().startsWith("templates/default.conf.template:5:31: "), swallowed.out());
  }

  @Test
  void placeholderWithoutValueIsUnknownWhenAnEnvironmentIsGiven() throws IOException {
    write("nginx.conf", MAIN);
    write("templates/default.conf.template", TEMPLATE);
    Run r = check("--select", "unknown-variable", "--env", "BACKEND_HOST=127.0.0.1", "--env", "LISTEN_PORT=80",
        "--env", "SERVER_NAME=x", "nginx.conf");
    assertTrue(r.out().startsWith("templates/default.conf.template:6:20: unknown-variable unknown \"backend_port\""
        + " variable"), r.out());
    assertTrue(r.out().contains("envsubst leaves ${BACKEND_PORT} as it is"), r.out());
  }

  @Test
  void fixesNeverRewriteAPlaceholder() throws IOException {
    write("nginx.conf", MAIN);
    write("templates/default.conf.template", TEMPLATE);
    Run r = check("--select", "proxy-pass-no-upstream", "--unsafe-fixes", "--diff", "nginx.conf");
    assertFalse(r.out().contains("BACKEND_HOST:BACKEND_PORT;"), r.out());
    assertFalse(r.out().contains("+++"), r.out());
  }

  @Test
  void aFlagPlaceholderIsTheDeployersUntilItHasAValue() throws IOException {
    write("templates/gzip.conf.template", "server {\n    gzip ${GZIP};\n}\n");
    Run unset = check("--select", "invalid-flag-value", "templates/gzip.conf.template");
    assertEquals("", unset.out());
    Run given = check("--select", "invalid-flag-value", "--env", "GZIP=yes", "templates/gzip.conf.template");
    assertEquals("templates/gzip.conf.template:2:5: invalid-flag-value invalid value \"yes\" in \"gzip\" directive,"
        + " it must be \"on\" or \"off\"\n", given.out());
  }

  @Test
  void aStreamTemplateIsAStreamSnippet() throws IOException {
    // the image renders *.stream-template into stream-conf.d, included inside stream {}
    write("templates/tcp.stream-template", "upstream db {\n    server ${DB_HOST}:5432;\n}\n"
        + "server {\n    listen ${DB_PORT};\n    proxy_pass db;\n    proxy_timeout 1h;\n}\n");
    Run r = check("--select", "correctness,unknown-variable", "templates/tcp.stream-template");
    assertEquals("", r.out());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void badEnvInputIsOneLineAndExitTwo() throws IOException {
    write("nginx.conf", MAIN);
    Run missing = check("--env-file", tmp.resolve("none.env").toString(), "nginx.conf");
    assertEquals(2, missing.code());
    assertEquals("nginx-lint: --env-file: " + tmp.resolve("none.env") + ": No such file or directory\n", missing.err());
    Run bad = check("--env", "NO_EQUALS", "nginx.conf");
    assertEquals(2, bad.code());
    assertEquals("nginx-lint: --env: expected NAME=VALUE, got \"NO_EQUALS\"\n", bad.err());
  }
}
