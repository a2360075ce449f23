package dev.nginxlint.include;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code exclude:} globs of a config file, relative to its directory: a file is excluded
 * when a pattern matches its path relative to that directory or the path of one of its
 * directories (so {@code vendor} or {@code vendor/**} excludes everything under vendor/), and a
 * pattern without '/' also matches any single file or directory name ({@code *.bak}). Glob syntax
 * is java.nio's: {@code *} stays within a name, {@code **} crosses directories, {@code {a,b}}, {@code [ch]}.
 * Directory walks always skip excluded files; files named explicitly are skipped only with
 * {@code --force-exclude} (as Ruff does), so pre-commit can pass every changed file.
 */
public final class Excludes {
  public static final Excludes NONE = new Excludes(null, List.of());

  private final Path base;
  private final List<String> patterns;
  private final List<PathMatcher> matchers = new ArrayList<>();
  private final List<Boolean> anyName = new ArrayList<>();

  /** @param base the directory the patterns are relative to (the config file's), absolute */
  public Excludes(Path base, List<String> patterns) {
    this.base = base == null ? null : base.toAbsolutePath().normalize();
    this.patterns = List.copyOf(patterns);
    for (String p : this.patterns) {
      String glob = p.startsWith("./") ? p.substring(2) : p;
      while (glob.length() > 1 && glob.endsWith("/")) {
        glob = glob.substring(0, glob.length() - 1);
      }
      matchers.add(this.base.getFileSystem().getPathMatcher("glob:" + glob));
      anyName.add(glob.indexOf('/') < 0);
    }
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  public List<String> patterns() {
    return patterns;
  }

  /** True when {@code path} (absolute, or relative to the working directory) is excluded. */
  public boolean matches(Path path) {
    if (patterns.isEmpty()) {
      return false;
    }
    Path abs = path.toAbsolutePath().normalize();
    if (!abs.startsWith(base) || abs.equals(base)) {
      return false;
    }
    Path rel = base.relativize(abs);
    int n = rel.getNameCount();
    for (int k = 0; k < matchers.size(); k++) {
      PathMatcher m = matchers.get(k);
      boolean names = anyName.get(k);
      for (int i = 1; i <= n; i++) {
        if (m.matches(rel.subpath(0, i)) || names && m.matches(rel.getName(i - 1))) {
          return true;
        }
      }
    }
    return false;
  }
}
