package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A checkout of /etc/nginx is read from itself, never from the machine's /etc/nginx, and stock
 * files it lacks come from the bundled copies: the same findings with nginx installed or not.
 */
class StockFilesTest {

  private static final String MAIN = "user www-data;\nworker_processes auto;\nworker_rlimit_nofile 8192;\nevents { worker_connections 4096; }\n"
      + "http {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n"
      + "    include /etc/nginx/sites-enabled/*;\n}\n";
  private static final String SITE = "server {\n    listen 80;\n    root /var/www/html;\n"
      + "    location ~ \\.php$ {\n        include snippets/fastcgi-php.conf;\n        try_files $uri =404;\n"
      + "        fastcgi_pass unix:/run/php/php8.2-fpm.sock;\n    }\n}\n";

  private static List<String> check(boolean hostHasNginx) throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path repo = fs.getPath("/home/u/repo");
      Files.createDirectories(repo.resolve("sites-enabled"));
      Files.writeString(repo.resolve("nginx.conf"), MAIN);
      Files.writeString(repo.resolve("sites-enabled/php"), SITE);
      if (hostHasNginx) {
        // a machine with nginx installed: its own sites must not leak into the checkout's result
        Path host = fs.getPath("/etc/nginx");
        Files.createDirectories(host.resolve("sites-enabled"));
        Files.writeString(host.resolve("mime.types"), "types { text/html html; }\n");
        Files.writeString(host.resolve("sites-enabled/default"),
            "server { listen 80; location / { proxy_pass http://127.0.0.1:9000; } }\n");
      }
      var set = new ConfigLoader(new NioFileSource(fs, repo), new PrefixMap()).load(List.of("."));
      List<String> out = new ArrayList<>();
      for (Finding f : new Linter(new Settings(), RuleRegistry.rules()).run(set).findings()) {
        out.add(f.file().displayName() + ":" + f.span().line() + ":" + f.span().column() + " " + f.rule());
      }
      return out;
    }
  }

  @Test
  void sameFindingsWithAndWithoutAHostEtcNginx() throws Exception {
    List<String> without = check(false);
    assertEquals(without, check(true));
    // the stock snippet's try_files and the location's: nginx's fatal duplicate; no include is
    // reported missing (the stock files are bundled, conf.d/*.conf matching nothing is fine)
    assertEquals(true, without.contains("sites-enabled/php:6:9 duplicate-directive"), without.toString());
    assertEquals(List.of(), without.stream().filter(f -> f.contains("include-")).toList());
  }

  @Test
  void stockNamesAreKnownAndBundled() throws Exception {
    for (String name : StockFiles.NAMES) {
      byte[] b = StockFiles.read(name);
      assertEquals(true, b.length > 0, name);
    }
    assertEquals("mime.types", StockFiles.nameOf("/etc/nginx/mime.types"));
    assertEquals("snippets/fastcgi-php.conf", StockFiles.nameOf("snippets/fastcgi-php.conf"));
    assertEquals(null, StockFiles.nameOf("conf.d/app.conf"));
    // nginx's own files under other builds' conf prefixes; Debian's only under /etc/nginx
    assertEquals("fastcgi_params", StockFiles.nameOf("/usr/local/nginx/conf/fastcgi_params"));
    assertEquals(null, StockFiles.nameOf("/usr/local/nginx/conf/proxy_params"));
    assertEquals(null, StockFiles.nameOf("/usr/local/nginx/mime.types"));
    assertEquals(true, new String(StockFiles.read("fastcgi_params"), StandardCharsets.ISO_8859_1)
        .contains("fastcgi_param  QUERY_STRING"));
  }
}
