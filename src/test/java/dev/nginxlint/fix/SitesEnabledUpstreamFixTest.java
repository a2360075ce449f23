package dev.nginxlint.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.cli.Main;
import dev.nginxlint.testsupport.RealNginx;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 4: in a Debian layout nearly every proxy_pass is in a site file that
 * sites-enabled/* brings into http. proxy-pass-no-upstream's fix puts the new upstream block in
 * that site file (once, beside the address's first pass, even when two sites use the address),
 * writes through the sites-enabled links, and the result passes real nginx -t.
 */
class SitesEnabledUpstreamFixTest {

  @TempDir
  Path tmp;

  private static final String MAIN = "user www-data;\nworker_processes auto;\n"
      + "events {\n\tworker_connections 768;\n}\n"
      + "http {\n\tsendfile on;\n\tinclude /etc/nginx/conf.d/*.conf;\n\tinclude /etc/nginx/sites-enabled/*;\n}\n";

  private int run(Path cwd, StringWriter out, String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]), cwd, args);
  }

  @Test
  void theUpstreamGoesIntoTheSiteFileAndNginxAcceptsIt() throws Exception {
    Path etc = tmp.resolve("etc-nginx");
    Files.createDirectories(etc.resolve("sites-available"));
    Files.createDirectories(etc.resolve("sites-enabled"));
    Files.createDirectories(etc.resolve("conf.d"));
    Files.writeString(etc.resolve("nginx.conf"), MAIN);
    Files.writeString(etc.resolve("sites-available/shop"), "server {\n\tlisten 127.0.0.1:18190;\n"
        + "\tlocation / {\n\t\tproxy_pass http://127.0.0.1:18191;\n\t}\n"
        + "\tlocation /api/ {\n\t\tproxy_pass http://127.0.0.1:18192/;\n\t}\n}\n");
    Files.writeString(etc.resolve("sites-available/blog"), "server {\n\tlisten 127.0.0.1:18193;\n"
        + "\tlocation / {\n\t\tproxy_pass http://127.0.0.1:18191;\n\t}\n}\n");
    Files.createSymbolicLink(etc.resolve("sites-enabled/shop"), Path.of("../sites-available/shop"));
    Files.createSymbolicLink(etc.resolve("sites-enabled/blog"), Path.of("../sites-available/blog"));

    StringWriter before = new StringWriter();
    assertEquals(1, run(etc, before, "check", "--no-config", "--select", "proxy-pass-no-upstream", "."));
    assertEquals(3, before.toString().lines().filter(l -> l.contains("proxy-pass-no-upstream")).count(), before.toString());

    assertEquals(0, run(etc, new StringWriter(), "fix", "--no-config", "--unsafe-fixes", "--select",
        "proxy-pass-no-upstream", "."));
    String shop = Files.readString(etc.resolve("sites-available/shop"));
    String blog = Files.readString(etc.resolve("sites-available/blog"));
    assertTrue(Files.isSymbolicLink(etc.resolve("sites-enabled/shop")), "the link is kept");
    assertEquals(MAIN, Files.readString(etc.resolve("nginx.conf")), "nginx.conf is not touched");
    // one block per address, in the file of its first pass (sites-enabled/* reads blog first)
    String both = blog + shop;
    assertEquals(1, count(both, "upstream backend_127_0_0_1_18191 \\{"), both);
    assertEquals(1, count(blog, "upstream backend_127_0_0_1_18191 \\{"), blog);
    assertEquals(1, count(shop, "upstream backend_127_0_0_1_18192 \\{"), shop);
    assertTrue(shop.contains("proxy_pass http://backend_127_0_0_1_18191;"), shop);

    StringWriter after = new StringWriter();
    assertEquals(0, run(etc, after, "check", "--no-config", "--select", "proxy-pass-no-upstream", "."), after.toString());

    // real nginx: the same tree where nginx would read it
    RealNginx.requireOrSkip();
    Files.writeString(etc.resolve("nginx.conf"), MAIN.replace("user www-data;\n", "")
        .replace("/etc/nginx/", etc.toString() + "/"));
    RealNginx.Result r = RealNginx.test(etc.resolve("nginx.conf"), Files.createDirectories(tmp.resolve("prefix")));
    assertTrue(r.ok(), r.output() + "\n" + blog + "\n" + shop);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
