package dev.nginxlint.lint;

/** Whether a rule's findings come with a fix. */
public enum FixAvailability {
  NONE, SOMETIMES, ALWAYS
}
