package dev.nginxlint.cli;

/** A problem to tell the user in one line (exit code 2), never with a stack trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
