package dev.nginxlint.include;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The files nginx and the distributions install beside nginx.conf (mime.types, fastcgi_params,
 * Debian's snippets/fastcgi-php.conf...), bundled (see resources dev/nginxlint/stock/SOURCE.md).
 * A tree that includes one by its stock name without holding it is checked with the stock copy:
 * its directives count (a try_files in snippets/fastcgi-php.conf next to one in the location is
 * nginx's fatal duplicate), and its absence is no finding — the package installs it.
 */
public final class StockFiles {

  /** Names relative to the conf directory. */
  static final Set<String> NAMES = Set.of("fastcgi.conf", "fastcgi_params", "koi-utf", "koi-win", "mime.types",
      "proxy_params", "scgi_params", "uwsgi_params", "win-utf", "snippets/fastcgi-php.conf",
      "snippets/snakeoil.conf");

  private StockFiles() {
  }

  private static final Set<String> DEBIAN_ONLY = Set.of("proxy_params", "snippets/fastcgi-php.conf",
      "snippets/snakeoil.conf");

  /** Where packages and builds put nginx.conf: Debian/RHEL/Docker, ./configure, BSD/Homebrew, OpenResty. */
  private static final java.util.List<String> CONF_PREFIXES = java.util.List.of("/etc/nginx/",
      "/usr/local/nginx/conf/", "/usr/local/etc/nginx/", "/opt/homebrew/etc/nginx/", "/etc/openresty/",
      "/usr/local/openresty/nginx/conf/");

  /** The stock name an include spec names (relative, or under a conf prefix), or null. */
  static String nameOf(String spec) {
    String s = spec;
    for (String prefix : CONF_PREFIXES) {
      if (spec.startsWith(prefix)) {
        s = spec.substring(prefix.length());
        // Debian's own files are only where Debian puts them
        if (!prefix.equals("/etc/nginx/") && DEBIAN_ONLY.contains(s)) {
          return null;
        }
        break;
      }
    }
    if (s.startsWith("./")) {
      s = s.substring(2);
    }
    return NAMES.contains(s) ? s : null;
  }

  /** The bundled bytes of a stock file. */
  static byte[] read(String name) throws IOException {
    try (InputStream in = StockFiles.class.getResourceAsStream("/dev/nginxlint/stock/" + name)) {
      if (in == null) {
        throw new IOException("no bundled copy of " + name);
      }
      return in.readAllBytes();
    }
  }
}
