package dev.nginxlint.include;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a directory the user names holds: its main config (nginx.conf, the shallowest one), the
 * files that look like nginx configuration, and where a snippet's relative includes resolve.
 * Walks are sorted bytewise and skip dot-files, the excluded paths, and links into the server's
 * own conf directory.
 */
final class InputScan {
  private static final Set<String> CONFIG_DIRS = Set.of(
      "conf.d", "sites-available", "sites-enabled", "snippets", "vhosts.d", "vhosts",
      "streams-available", "streams-enabled", "servers", "http.d", "stream.d", "includes");

  private final FileSource src;
  private final Excludes excludes;

  InputScan(FileSource src, Excludes excludes) {
    this.src = src;
    this.excludes = excludes;
  }

  /** nginx.conf in the directory itself, else the shallowest one below it; null when none. */
  Path findMain(Path dir) throws ConfigLoader.InputException {
    Deque<Path> queue = new ArrayDeque<>();
    queue.add(dir);
    while (!queue.isEmpty()) {
      Path d = queue.poll();
      List<String> names = listSorted(d);
      if (names.contains("nginx.conf") && !src.isDirectory(d.resolve("nginx.conf"))
          && !excludes.matches(d.resolve("nginx.conf"))) {
        return d.resolve("nginx.conf");
      }
      for (String n : names) {
        Path c = d.resolve(n);
        if (!n.startsWith(".") && src.isDirectory(c) && !excludes.matches(c)) {
          queue.add(c);
        }
      }
    }
    return null;
  }

  /** The files under a directory that look like nginx configuration. */
  List<Path> configFiles(Path dir) throws ConfigLoader.InputException {
    List<Path> out = new ArrayList<>();
    Deque<Path> queue = new ArrayDeque<>();
    queue.add(dir);
    while (!queue.isEmpty()) {
      Path d = queue.poll();
      for (String n : listSorted(d)) {
        if (n.startsWith(".")) {
          continue;
        }
        Path c = d.resolve(n);
        if (excludes.matches(c)) {
          continue;
        }
        if (src.isDirectory(c)) {
          queue.add(c);
        } else if (!ServerConf.is(dir) && ServerConf.linkedPath(src, c) != null) {
          // sites-enabled/x -> /etc/nginx/sites-available/x in a checkout: the walk reads the
          // checkout's copy where it stands; following the link would read this machine's file
          continue;
        } else if ((looksLikeConfig(c) || extensionless(c) && startsLikeASite(c)) && src.isRegularFile(c)) {
          // a FIFO or device in the tree is not read by a walk; an include that names it is reported
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * Where a snippet checked alone resolves its relative includes: nginx resolves them against
   * the main config's directory, so the nearest enclosing directory that holds an nginx.conf
   * (conf.d/x.conf next to ../nginx.conf), else the snippet's own directory.
   */
  Path snippetConfDir(Path snippet) {
    Path dir = snippet.getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (holdsMain(d)) {
        return d;
      }
    }
    return dir;
  }

  boolean holdsMain(Path dir) {
    Path main = dir == null ? null : dir.resolve("nginx.conf");
    return main != null && src.exists(main) && !src.isDirectory(main);
  }

  private static boolean looksLikeConfig(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith("~") || name.endsWith(".bak") || name.endsWith(".orig") || name.endsWith(".swp")
        || name.contains(".dpkg-") || name.endsWith(".rpmnew") || name.endsWith(".rpmsave")) {
      return false;
    }
    if (name.endsWith(".conf") || name.endsWith(".nginx") || name.equals("nginx.conf")) {
      return true;
    }
    // the official Docker image renders /etc/nginx/templates/*.template into conf.d at start-up
    if (name.endsWith(".conf.template") || name.endsWith(".template") && p.getParent() != null
        && p.getParent().getFileName() != null && p.getParent().getFileName().toString().equals("templates")) {
      return true;
    }
    Path parent = p.getParent();
    if (parent != null && parent.getFileName() != null
        && CONFIG_DIRS.contains(parent.getFileName().toString())) {
      return !name.contains(".") || name.endsWith(".vhost") || name.endsWith(".site");
    }
    return false;
  }

  private static boolean extensionless(Path p) {
    String name = p.getFileName().toString();
    return !name.contains(".") && !name.equals(name.toUpperCase(Locale.ROOT)) && !name.equals("Makefile")
        && !name.equals("Dockerfile");
  }

  /**
   * An extension-less file outside the usual directories (a site named "shop" in vhosts of
   * another name) is a config when its first directive opens a server, upstream or map block:
   * read a few hundred bytes, no more.
   */
  private boolean startsLikeASite(Path p) {
    byte[] head;
    try {
      if (!src.isRegularFile(p)) {
        return false;
      }
      byte[] all = src.read(p);
      head = Arrays.copyOf(all, Math.min(all.length, 4096));
    } catch (IOException e) {
      return false;
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      return t.matches("(server|upstream|map|geo|split_clients|location)\\b[^;]*\\{?.*");
    }
    return false;
  }

  private List<String> listSorted(Path d) throws ConfigLoader.InputException {
    try {
      List<String> names = src.list(d);
      names.sort(Glob::compareBytes);
      return names;
    } catch (IOException e) {
      throw new ConfigLoader.InputException(src.displayName(d) + ": cannot list directory: " + IoReasons.of(e));
    }
  }
}
