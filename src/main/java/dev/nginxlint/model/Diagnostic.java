package dev.nginxlint.model;

/**
 * A problem found while reading the configuration (a syntax error, a missing include, a
 * cycle), before any rule runs. The lint layer turns it into a finding of rule {@code rule}.
 */
public record Diagnostic(String rule, String message, SourceFile file, Span span) {}
