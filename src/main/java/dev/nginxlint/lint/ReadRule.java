package dev.nginxlint.lint;

/**
 * A rule whose findings come from reading the configuration (parser and include resolver),
 * not from a check: it exists so that selection, severities, docs and fixtures treat it like
 * any other rule.
 */
public interface ReadRule extends LintRule {}
