package dev.nginxlint.include;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps absolute path prefixes of the server (e.g. /etc/nginx) to a checkout (e.g. "."), so a
 * config repo's `include /etc/nginx/snippets/x.conf;` resolves inside the repo.
 */
public final class PrefixMap {

  /** One mapping: paths starting with {@code from} are read under {@code to}. */
  public record Mapping(String from, String to) {}

  private final List<Mapping> mappings = new ArrayList<>();

  /** Parses "FROM=TO"; FROM must be absolute. */
  public static Mapping parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("expected FROM=TO, e.g. /etc/nginx=. (got \"" + spec + "\")");
    }
    String from = spec.substring(0, eq);
    if (!from.startsWith("/")) {
      throw new IllegalArgumentException("the prefix to map must be absolute: \"" + from + "\"");
    }
    return new Mapping(stripSlash(from), spec.substring(eq + 1));
  }

  public void add(Mapping m) {
    mappings.add(m);
    mappings.sort(Comparator.comparingInt((Mapping x) -> x.from().length()).reversed());
  }

  public boolean isEmpty() {
    return mappings.isEmpty();
  }

  /** The mapped path string, or null when no prefix matches. */
  public String map(String absolute) {
    Mapping m = match(absolute);
    if (m == null) {
      return null;
    }
    String rest = absolute.substring(m.from().length());
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    return rest.isEmpty() ? m.to() : m.to() + "/" + rest;
  }

  /** The mapping that applies to an absolute path (the longest matching prefix), or null. */
  public Mapping match(String absolute) {
    for (Mapping m : mappings) {
      if (absolute.equals(m.from()) || absolute.startsWith(m.from() + "/") || m.from().isEmpty()) {
        return m;
      }
    }
    return null;
  }

  private static String stripSlash(String s) {
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals("/") ? "" : s;
  }
}
