package dev.nginxlint.cli;

import static dev.nginxlint.testsupport.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.RealNginx;
import dev.nginxlint.testsupport.Cli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's done criteria together, on a Debian layout whose sites are symlinks (one relative,
 * one absolute; one site file with CRLF line ends) and whose nginx.conf writes outer values the
 * rules object to (proxy_connect_timeout 300s, proxy_http_version 1.0 in http) next to a
 * server-level proxy_set_header list: `check --unsafe-fixes --diff` names the link targets and
 * applies with `git apply`; it equals what `fix --unsafe-fixes` writes through the links; the
 * author's outer lines are edited where they are (no site gets a line shadowing them, no
 * location a header line dropping the server's list); the literal proxy_pass of a site gets its
 * upstream block in that site file; a second run changes nothing; CRLF and tabs are kept; and
 * real nginx -t accepts the result.
 */
class DebianLayoutFixTest {

  @TempDir
  Path tmp;


  private static final String MAIN = "worker_processes auto;\nworker_rlimit_nofile 8192;\n\nevents {\n"
      + "\tworker_connections 4096;\n}\n\nhttp {\n\tproxy_connect_timeout 300s;\n\tproxy_read_timeout 30s;\n"
      + "\tproxy_send_timeout 30s;\n\tproxy_http_version 1.0;\n\n\tinclude conf.d/*.conf;\n\tinclude sites-enabled/*;\n}\n";

  private static final String SHOP = ("upstream shop_api {\n    server 127.0.0.1:18293;\n}\n\nserver {\n"
      + "    listen 127.0.0.1:18291;\n    proxy_set_header Host $host;\n    proxy_set_header X-Real-IP $remote_addr;\n\n"
      + "    location / {\n        proxy_pass http://127.0.0.1:18292;\n    }\n\n"
      + "    location /api/ {\n        proxy_pass http://shop_api;\n    }\n}\n").replace("\n", "\r\n");

  private static final String BLOG = "server {\n\tlisten 127.0.0.1:18294;\n\n\tlocation / {\n"
      + "\t\tproxy_set_header Connection \"\";\n\t\tproxy_pass http://shop_api;\n\t}\n}\n";

  private static void debianTree(Path repo) throws Exception {
    Path etc = repo.resolve("etc/nginx");
    Files.createDirectories(etc.resolve("sites-available"));
    Files.createDirectories(etc.resolve("sites-enabled"));
    Files.createDirectories(etc.resolve("conf.d"));
    Files.writeString(etc.resolve("nginx.conf"), MAIN);
    Files.writeString(etc.resolve("sites-available/shop"), SHOP);
    Files.writeString(etc.resolve("sites-available/blog"), BLOG);
    Files.createSymbolicLink(etc.resolve("sites-enabled/shop"), Path.of("../sites-available/shop"));
    Files.createSymbolicLink(etc.resolve("sites-enabled/blog"), etc.resolve("sites-available/blog").toAbsolutePath());
    exec(repo, List.of("git", "init", "-q"));
    exec(repo, List.of("git", "add", "-A"));
    exec(repo, List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "tree"));
  }

  private static String exec(Path dir, List<String> cmd) throws Exception {
    return dev.nginxlint.testsupport.Commands.succeed(dir, cmd);
  }

  @Test
  void unsafeDiffAppliesEqualsFixKeepsTheAuthorsLinesAndPassesNginx() throws Exception {
    Path viaDiff = tmp.resolve("a");
    Path viaFix = tmp.resolve("b");
    debianTree(viaDiff);
    debianTree(viaFix);

    Run diff = run(viaDiff, "check", "--no-config", "--unsafe-fixes", "--diff", "etc/nginx/nginx.conf");
    assertEquals(ExitCodes.FINDINGS, diff.code(), diff.out() + diff.err());
    assertTrue(diff.out().contains("--- a/etc/nginx/sites-available/shop\n"), diff.out());
    assertFalse(diff.out().contains("a/etc/nginx/sites-enabled/"), diff.out());
    Path patch = tmp.resolve("all.patch");
    Files.writeString(patch, diff.out(), StandardCharsets.UTF_8);
    exec(viaDiff, List.of("git", "apply", "--check", patch.toString()));
    exec(viaDiff, List.of("git", "apply", patch.toString()));

    Run fix = run(viaFix, "fix", "--no-config", "--unsafe-fixes", "etc/nginx/nginx.conf");
    assertEquals(ExitCodes.CLEAN, fix.code(), fix.out() + fix.err());
    assertTrue(Files.isSymbolicLink(viaFix.resolve("etc/nginx/sites-enabled/shop")));
    assertTrue(Files.isSymbolicLink(viaFix.resolve("etc/nginx/sites-enabled/blog")));
    for (String f : List.of("nginx.conf", "sites-available/shop", "sites-available/blog")) {
      assertEquals(Files.readString(viaFix.resolve("etc/nginx").resolve(f)),
          Files.readString(viaDiff.resolve("etc/nginx").resolve(f)), f + ": --diff + git apply equals fix");
    }

    Path etc = viaFix.resolve("etc/nginx");
    String main = Files.readString(etc.resolve("nginx.conf"));
    String shop = Files.readString(etc.resolve("sites-available/shop"));
    String blog = Files.readString(etc.resolve("sites-available/blog"));
    // the author's outer lines changed where they are written
    assertTrue(main.contains("\tproxy_connect_timeout 5s;\n") && !main.contains("300s"), main);
    assertTrue(main.contains("\tproxy_http_version 1.1;\n") && !main.contains("1.0;"), main);
    // and nothing below them shadows them
    for (String site : List.of(shop, blog)) {
      assertFalse(site.contains("proxy_connect_timeout") || site.contains("proxy_http_version"), site);
    }
    // Connection "" joins the server's list the locations inherit, not a location of its own
    assertTrue(shop.contains("    proxy_set_header X-Real-IP $remote_addr;\r\n    proxy_set_header Connection \"\";\r\n"), shop);
    // the literal address became an upstream block in the site file, with keepalive
    assertTrue(shop.contains("server 127.0.0.1:18292;\r\n") && shop.contains("proxy_pass http://backend_127_0_0_1_18292;"), shop);
    assertTrue(shop.contains("keepalive 32;"), shop);
    // CRLF kept in the CRLF file (no bare LF), tabs in the tab file
    assertEquals(shop.chars().filter(c -> c == '\n').count(), shop.split("\r\n", -1).length - 1, shop);
    assertTrue(blog.startsWith("server {\n\tlisten"), blog);

    // idempotent: a second run has nothing left to write
    Run again = run(viaFix, "check", "--no-config", "--unsafe-fixes", "--diff", "etc/nginx/nginx.conf");
    assertEquals("", again.out(), again.err());

    RealNginx.requireOrSkip();
    Path original = tmp.resolve("c");
    debianTree(original);
    RealNginx.Result before = RealNginx.test(original.resolve("etc/nginx/nginx.conf"), Files.createDirectories(tmp.resolve("p0")));
    assertTrue(before.ok(), "the tree as written passes nginx -t: " + before.output());
    RealNginx.Result after = RealNginx.test(etc.resolve("nginx.conf"), Files.createDirectories(tmp.resolve("p1")));
    assertTrue(after.ok(), after.output() + "\n" + main + "\n" + shop + "\n" + blog);
  }
}
