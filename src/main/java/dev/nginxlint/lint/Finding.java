package dev.nginxlint.lint;

import dev.nginxlint.fix.Fix;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;

/**
 * One reported problem: which rule, how bad, where, why, how to fix it (if we can), and the
 * other places the same problem stands (e.g. the other locations of a server that inherit the
 * same default), which SARIF shows as related locations.
 */
public record Finding(String rule, Category category, Severity severity, String message,
    SourceFile file, Span span, Fix fix, java.util.List<Related> related) {

  /** Another place of the same problem, with a short note of what it is. */
  public record Related(SourceFile file, Span span, String message) {}

  public Finding {
    related = related == null ? java.util.List.of() : java.util.List.copyOf(related);
  }

  public Finding(String rule, Category category, Severity severity, String message, SourceFile file,
      Span span, Fix fix) {
    this(rule, category, severity, message, file, span, fix, java.util.List.of());
  }

  /** Identity for de-duplication: a file reached several ways reports each finding once. */
  public Object key() {
    return new Key(rule, file.path(), span.start(), span.end(), message);
  }

  /**
   * A plain class, not a record: a record's equals and hashCode are bootstrapped through
   * invokedynamic on first use, which costs more start-up time than a whole small check.
   */
  private static final class Key {
    private final String rule;
    private final java.nio.file.Path path;
    private final int start;
    private final int end;
    private final String message;

    Key(String rule, java.nio.file.Path path, int start, int end, String message) {
      this.rule = rule;
      this.path = path;
      this.start = start;
      this.end = end;
      this.message = message;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && start == k.start && end == k.end && rule.equals(k.rule)
          && message.equals(k.message) && java.util.Objects.equals(path, k.path);
    }

    @Override
    public int hashCode() {
      return ((rule.hashCode() * 31 + start) * 31 + end) * 31 + message.hashCode();
    }
  }
}
