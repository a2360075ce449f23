package dev.nginxlint.rules.support;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;

/** Where fixes put a new main-context line (worker_processes, worker_rlimit_nofile). */
public final class MainLines {
  private MainLines() {}

  /**
   * After the last simple directive written above events in the same file (user, pid,
   * worker_processes ...), else on its own before "events {".
   */
  public static TextEdit insertAboveEvents(ConfigTree tree, Directive events, String line) {
    Directive after = null;
    for (Directive d : tree.directives()) {
      if (d == events) {
        break;
      }
      if (d.file() == events.file() && d.includedBy() == events.includedBy() && !d.hasBlock()) {
        after = d;
      }
    }
    return after != null ? Edits.insertAfter(after, line) : Edits.insertParagraphBefore(events, line);
  }
}
