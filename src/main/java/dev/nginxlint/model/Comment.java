package dev.nginxlint.model;

/** A '#' comment (text without the '#', decoded as UTF-8) and where it stands. */
public record Comment(String text, Span span) {}
