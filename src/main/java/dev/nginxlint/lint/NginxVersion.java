package dev.nginxlint.lint;

/** An nginx version such as 1.24.0, compared numerically. */
public record NginxVersion(int major, int minor, int patch) implements Comparable<NginxVersion> {

  public static final NginxVersion DEFAULT = new NginxVersion(1, 24, 0);
  /** Upstream keepalive on by default, proxy_http_version 1.1, no Connection: close. */
  public static final NginxVersion KEEPALIVE_DEFAULTS = new NginxVersion(1, 29, 7);

  /**
   * The version a directive table entry starts with ("1.25.1", "1.31.5-dev(HEAD)" → 1.31.5),
   * or null when it starts with none.
   */
  public static NginxVersion leading(String s) {
    int end = 0;
    while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
      end++;
    }
    try {
      return end == 0 ? null : parse(s.substring(0, end));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static NginxVersion parse(String s) {
    String[] p = s.trim().split("\\.");
    try {
      if (p.length < 2 || p.length > 3) {
        throw new NumberFormatException();
      }
      return new NginxVersion(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
          p.length > 2 ? Integer.parseInt(p[2]) : 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an nginx version: \"" + s + "\" (expected e.g. 1.24.0)");
    }
  }

  public boolean atLeast(NginxVersion other) {
    return compareTo(other) >= 0;
  }

  public boolean before(NginxVersion other) {
    return compareTo(other) < 0;
  }

  // Written out: the generated ones go through invokedynamic, slow on first use and through
  // method handles after; the version is a hash key asked for every directive of a tree.
  @Override
  public boolean equals(Object o) {
    return o instanceof NginxVersion v && major == v.major && minor == v.minor && patch == v.patch;
  }

  @Override
  public int hashCode() {
    return (major * 1000 + minor) * 1000 + patch;
  }

  @Override
  public int compareTo(NginxVersion o) {
    if (major != o.major) {
      return Integer.compare(major, o.major);
    }
    if (minor != o.minor) {
      return Integer.compare(minor, o.minor);
    }
    return Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
