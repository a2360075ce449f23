package dev.nginxlint.model;

/**
 * A problem that stops nginx from reading a file, with nginx's wording. A fatal error ends the
 * parse (nginx stops at the first one, so the tree after it is unknown); a non-fatal one (a BOM)
 * leaves a complete tree that rules can still check.
 */
public record SyntaxError(String message, Span span, boolean fatal) {}
