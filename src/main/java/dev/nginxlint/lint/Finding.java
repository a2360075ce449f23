package dev.nginxlint.lint;

import dev.nginxlint.fix.Fix;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;

/** One reported problem: which rule, how bad, where, why, and how to fix it (if we can). */
public record Finding(String rule, Category category, Severity severity, String message,
    SourceFile file, Span span, Fix fix) {

  /** Identity for de-duplication: a file reached several ways reports each finding once. */
  public Object key() {
    return new Key(rule, file.path(), span.start(), span.end(), message);
  }

  private record Key(String rule, java.nio.file.Path path, int start, int end, String message) {}
}
