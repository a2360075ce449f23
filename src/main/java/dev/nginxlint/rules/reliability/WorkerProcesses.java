package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.MainLines;
import dev.nginxlint.rules.support.Numbers;
import dev.nginxlint.rules.support.Proxying;
import dev.nginxlint.rules.support.Workers;
import dev.nginxlint.rules.support.TemplateLines;
import java.util.List;

/**
 * One worker process in a proxying configuration (worker_processes unset, nginx's default is
 * 1, or written as 1): its connection slots and one CPU are all there is, so a load peak fills
 * them and new connections wait or fail.
 */
@Rule(id = "worker-processes", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class WorkerProcesses implements TreeRule {

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    // only a whole configuration has a main context of its own
    if (!tree.isMain()) {
      return;
    }
    // a server that only serves files is not at risk of the 502s this rule is about
    if (!Proxying.anyPass(ctx)) {
      return;
    }
    List<Directive> events = ctx.childrenNamed(null, "events");
    // without events nginx does not start at all (worker-connections-low reports that)
    if (events.isEmpty()) {
      return;
    }
    List<Directive> set = ctx.childrenNamed(null, "worker_processes");
    // a template line in the main context (nginx-tests' %%TEST_GLOBALS%%, a Jinja or envsubst
    // line) is expanded into main-context directives before nginx reads the file: it may set
    // worker_processes, so "not set" is not known here
    if (set.isEmpty() && mainPlaceholder(tree) != null) {
      return;
    }
    if (set.isEmpty()) {
      ctx.report(this, events.get(0), "worker_processes is not set, so nginx runs 1 worker process (the default)"
          + " in a proxying configuration: " + limits(events.get(0), ctx),
          Fix.safe("add worker_processes auto", List.of(MainLines.insertAboveEvents(tree, events.get(0),
              "worker_processes auto;"))));
      return;
    }
    Directive wp = set.get(set.size() - 1);
    // auto, or a count the author chose for this machine (a container's CPU limit, say)
    if (!"1".equals(wp.arg(0))) {
      return;
    }
    ctx.report(this, wp, "worker_processes 1 in a proxying configuration: " + limits(events.get(0), ctx),
        Fix.unsafe("set worker_processes auto (1 was chosen on purpose?)",
            List.of(Edits.replaceArg(wp, wp.args().get(0), "auto"))));
  }

  /**
   * What one worker limits, with the numbers in effect: its worker_connections are all the
   * connection slots nginx has (each proxied request takes two), and all its work runs on one CPU.
   */
  private static String limits(Directive events, RuleContext ctx) {
    List<Directive> wc = ctx.childrenNamed(events, "worker_connections");
    int slots = wc.isEmpty() ? Workers.DEFAULT_CONNECTIONS : Numbers.atoi(wc.get(wc.size() - 1).arg(0));
    String capacity = slots > 0
        ? "its " + slots + " worker_connections" + (wc.isEmpty() ? " (default)" : "") + " are all the connection"
            + " slots nginx has, about " + slots / 2 + " proxied requests at once (each takes a client and an"
            + " upstream connection)"
        : "its worker_connections are all the connection slots nginx has";
    return capacity + ", and all its work runs on one CPU; past that many connections nginx logs \"worker_connections"
        + " are not enough\", closes idle client connections and ends requests it cannot connect upstream with 500;"
        + " set worker_processes auto (one worker per CPU)";
  }

  /** The first main-context line whose name is a template placeholder, or null. */
  private static Directive mainPlaceholder(ConfigTree tree) {
    for (Directive d : tree.directives()) {
      if (TemplateLines.isPlaceholderName(d.name())) {
        return d;
      }
    }
    return null;
  }
}
