package dev.nginxlint.lint;

/** Groups of rules; usable with --select/--ignore like rule ids. */
public enum Category {
  /** nginx cannot read the file at all. */
  SYNTAX,
  /** Includes that cannot be resolved. */
  INCLUDE,
  /** Causes of 502 Bad Gateway under load. */
  RELIABILITY,
  /** What `nginx -t` would reject (structure, arity, context). */
  CORRECTNESS,
  /** Directives or forms the target nginx version lacks or deprecates. */
  COMPATIBILITY,
  /** Problems with the linter's own comments (unused suppressions). */
  META;

  /** Made once per constant: reports ask it for every finding. */
  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  public String label() {
    return label;
  }
}
