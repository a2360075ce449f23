package dev.nginxlint.rules.support;

import dev.nginxlint.model.Directive;

/**
 * The levels a directive inherits through (location, server, http, the top) and what lies on
 * them in which file: where a fix that sets a value for a pass writes its line.
 */
public final class Levels {

  private Levels() {
  }

  /** The location a pass belongs to (through `if` and limit_except), or null. */
  public static Directive locationOf(Directive pass) {
    Directive p = pass.parent();
    while (p != null && (p.name().equals("if") || p.name().equals("limit_except"))) {
      p = p.parent();
    }
    return p != null && p.name().equals("location") && p.hasBlock() ? p : null;
  }

  /**
   * The child of {@code level} (null: the top of the tree) written in the level's own file that
   * holds {@code d}: d itself, the include that brought it in, or the block around it; null
   * when there is none.
   */
  public static Directive holderAt(Directive d, Directive level) {
    Directive h = d;
    while (h != null && h.parent() != level) {
      h = h.parent();
    }
    if (h == null) {
      return null;
    }
    while (h.includedBy() != null && h.includedBy().parent() == level) {
      h = h.includedBy();
    }
    if (level != null && h.file() != level.file()) {
      return null;
    }
    return h;
  }
}
