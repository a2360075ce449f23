package dev.nginxlint.model;

/**
 * A problem found while reading the configuration (a syntax error, a missing include, a
 * cycle), before any rule runs. The lint layer turns it into a finding of rule {@code rule}.
 *
 * <p>The ids of the rules that reading reports are published here, at the bottom of the
 * layering, so the reader (parse, include) names them without knowing the rule classes, and
 * the rule classes ({@code rules/read}) take their ids from here.
 */
public record Diagnostic(String rule, String message, SourceFile file, Span span) {
  /** nginx cannot tokenize or nest the file. */
  public static final String SYNTAX_ERROR = "syntax-error";
  /** An include names a file that is not there, or that cannot be read. */
  public static final String INCLUDE_NOT_FOUND = "include-not-found";
  /** Files include each other in a cycle (or nest too deep). */
  public static final String INCLUDE_CYCLE = "include-cycle";
  /** An include's file is not part of the check (outside the checked files, made at run time). */
  public static final String INCLUDE_NOT_CHECKED = "include-not-checked";
}
