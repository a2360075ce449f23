package dev.nginxlint.lint;

import dev.nginxlint.fix.Fix;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;

/** One reported problem: which rule, how bad, where, why, and how to fix it (if we can). */
public record Finding(String rule, Category category, Severity severity, String message,
    SourceFile file, Span span, Fix fix) {

  /** Identity for de-duplication: a file reached several ways reports each finding once. */
  public String key() {
    return rule + "\u0000" + file.path() + "\u0000" + span.start() + "\u0000" + span.end() + "\u0000" + message;
  }
}
