package dev.nginxlint.include;

import java.nio.file.Path;

/**
 * The server's own conf directory, /etc/nginx (Debian's and the official images' conf
 * prefix): a checkout whose files name paths under it is that conf root, and only a check of
 * /etc/nginx itself reads this machine's files.
 */
final class ServerConf {
  private ServerConf() {}

  static final String PREFIX = "/etc/nginx";

  /** True for an include path under the server's conf directory. */
  static boolean under(String spec) {
    return spec.startsWith(PREFIX + "/");
  }

  /** The server's own conf directory: checking it means checking this machine's nginx. */
  static boolean is(Path confDir) {
    return confDir.toString().equals(PREFIX);
  }

  /**
   * Where a link into the server's conf directory points, relative to it (sites-enabled/x ->
   * /etc/nginx/sites-available/x gives sites-available/x), or null when {@code p} is no such link
   * or the check reads the server's own files anyway.
   */
  static String linkedPath(FileSource src, Path p) {
    if (src.isServerSnapshot()) {
      return null;
    }
    String link = src.linkTarget(p);
    return link != null && under(link) ? link.substring(PREFIX.length() + 1) : null;
  }
}
