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

  /** The stock name an include spec names (relative, or under /etc/nginx/), or null. */
  static String nameOf(String spec) {
    String s = spec.startsWith("/etc/nginx/") ? spec.substring("/etc/nginx/".length()) : spec;
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
