package dev.nginxlint.rules;

/** Whether a rule's findings come with a fix. */
public enum FixAvailability {
  NONE, SOMETIMES, ALWAYS
}
