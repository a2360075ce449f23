package dev.nginxlint.fix;

/**
 * Why an edit cannot be as sure as the fix it belongs to (e.g. it adds a directive next to an
 * include whose content is not known here): a fix holding it is at most {@code ceiling}, and
 * its title says {@code reason}.
 */
public record Caveat(Applicability ceiling, String reason) {}
