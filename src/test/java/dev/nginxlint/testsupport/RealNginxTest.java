package dev.nginxlint.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealNginxTest {

  private static final String VALID =
      "events {}\n"
          + "http {\n"
          + "  access_log off;\n"
          + "  server { listen 127.0.0.1:18080; location / { return 204; } }\n"
          + "}\n";

  @TempDir Path dir;

  @BeforeEach
  void needNginx() {
    RealNginx.requireOrSkip();
  }

  @Test
  void validConfigPasses() throws IOException {
    Path conf = write("nginx.conf", VALID);
    Path prefix = Files.createDirectories(dir.resolve("prefix"));
    RealNginx.Result r = RealNginx.test(conf, prefix);
    assertTrue(r.ok(), r.output());
    assertEquals(0, r.exitCode());
  }

  @Test
  void unknownDirectiveFails() throws IOException {
    Path conf = write("nginx.conf", "events {}\nunknown_directive_xyz on;\n");
    RealNginx.Result r = RealNginx.test(conf, dir);
    assertFalse(r.ok());
    assertEquals(1, r.exitCode());
    assertTrue(r.output().contains("unknown directive"), r.output());
    assertTrue(
        r.messages().contains("[emerg] unknown directive \"unknown_directive_xyz\""), r.messages());
  }

  @Test
  void configWithItsOwnPidStillWorks() throws IOException {
    Path conf = write("nginx.conf", "pid " + dir.resolve("own.pid") + ";\n" + VALID);
    RealNginx.Result r = RealNginx.test(conf, dir);
    assertTrue(r.ok(), r.output());
  }

  @Test
  void relativeIncludeResolvesAgainstConfigDir() throws IOException {
    write("conf.d/site.conf", "server { listen 127.0.0.1:18081; }\n");
    Path conf =
        write("nginx.conf", "events {}\nhttp { access_log off; include conf.d/*.conf; }\n");
    Path prefix = Files.createDirectories(dir.resolve("elsewhere"));
    assertTrue(RealNginx.test(conf, prefix).ok());
  }

  @Test
  void dynamicModulesOnlyWithModules() {
    // headers-more ships with nginx-extras; plain nginx-light/core lacks it
    Assumptions.assumeTrue(
        RealNginx.onCi()
            || Files.exists(Path.of("/etc/nginx/modules-enabled/50-mod-http-headers-more-filter.conf")),
        "headers-more module not installed");
    String conf =
        "events {}\n"
            + "http { access_log off; server { listen 127.0.0.1:18080;"
            + " more_set_headers \"X-Test: 1\"; } }\n";
    RealNginx.Result without = RealNginx.testText(conf, false);
    assertFalse(without.ok());
    assertTrue(without.output().contains("unknown directive \"more_set_headers\""), without.output());
    RealNginx.Result with = RealNginx.testText(conf, true);
    assertTrue(with.ok(), with.output());
    // a config that includes modules-enabled itself must not load them twice
    RealNginx.Result own =
        RealNginx.testText("include /etc/nginx/modules-enabled/*.conf;\n" + conf, true);
    assertTrue(own.ok(), own.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "clean"})
  void bundledExamplesPassNginx(String example) {
    Path repo = Path.of(System.getProperty("nginxlint.repo", "."));
    Path conf = repo.resolve("examples").resolve(example).resolve("nginx.conf");
    assertTrue(Files.isRegularFile(conf), "missing " + conf);
    RealNginx.Result r = RealNginx.test(conf, dir);
    assertTrue(r.ok(), r.output());
    assertEquals("", r.output().strip(), "examples should not even warn");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }
  /**
   * nginx's 4 KB buffer and a comment at the very end of the file (E96): the parser rejects
   * exactly what nginx rejects.
   */
  @Test
  void longCommentAtTheEndOfTheFileAsNginxSeesIt() {
    String[] configs = {
        "events {}\n#" + "x".repeat(4094),
        "events {}\n#" + "x".repeat(4095),
        "events {}\n#" + "x".repeat(4095) + "\n",
        "events {}\n#" + "x".repeat(4096),
        "#" + "x".repeat(4095) + "\nevents {}\n"};
    for (String config : configs) {
      boolean nginxAccepts = RealNginx.testText(config, false).ok();
      boolean weAccept = !dev.nginxlint.parse.ConfigParser.parse(Path.of("nginx.conf"), "nginx.conf",
          config.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).hasErrors();
      assertEquals(nginxAccepts, weAccept, "comment of " + (config.length() - 10) + " bytes, ends with a newline: "
          + config.endsWith("\n"));
    }
  }
}
