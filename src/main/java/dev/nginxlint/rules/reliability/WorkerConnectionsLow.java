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
import dev.nginxlint.model.Span;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.Numbers;
import dev.nginxlint.rules.support.Proxying;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.Workers;
import java.util.List;

/**
 * A proxying main config whose effective worker_connections (compiled default 512) is below a
 * threshold: the limit counts every connection of a worker, upstream ones included.
 */
@RuleOption(name = "min-connections", type = RuleOption.Type.INT, defaultValue = "1024", min = 1, description = "findings are raised below this value")
@RuleOption(name = "fix-connections", type = RuleOption.Type.INT, defaultValue = "4096", min = 1, description = "the value the fix writes (at least min-connections)")
@Rule(id = "worker-connections-low", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class WorkerConnectionsLow implements TreeRule {


  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    // files included into http {} (conf.d, sites-enabled) never hold events
    if (!tree.isMain()) {
      return;
    }
    // without a proxied request no connection is held twice: the limit is one per client, and a
    // server that only serves files or redirects is not at risk of the 502s this rule is about
    if (!Proxying.anyPass(ctx)) {
      return;
    }
    int min = ctx.intOption(this, "min-connections", 1024);
    // the fix writes a value this rule accepts, whatever the options say
    int target = Math.max(ctx.intOption(this, "fix-connections", 4096), min);
    String line = "worker_connections " + target + ";";
    List<Directive> events = ctx.childrenNamed(null, "events");
    if (events.isEmpty()) {
      // a main-context fragment (load_module lines, a stream {} file) is included by the real
      // nginx.conf: only a whole config named nginx.conf can be one that lacks events
      if (!isNamedNginxConf(tree) || !hasServerBlocks(ctx)) {
        return;
      }
      // the default cannot be below a threshold that is itself at or below it
      if (Workers.DEFAULT_CONNECTIONS >= min) {
        return;
      }
      // the new events block goes before the first http/stream/mail block
      Directive first = null;
      for (Directive d : tree.directives()) {
        if (first == null && (d.name().equals("http") || d.name().equals("stream") || d.name().equals("mail"))) {
          first = d;
        }
      }
      Fix fix = first == null ? null
          : Fix.safe("add an events block with " + line, List.of(Edits.insertBlockBefore(first, "events", List.of(line))));
      ctx.report(this, tree.entry(), new Span(0, 0, 1, 1, 1, 1), "the main configuration has no events"
          + " block (nginx refuses to start without one), and its default worker_connections "
          + Workers.DEFAULT_CONNECTIONS + " is below " + min, fix);
      return;
    }
    Directive block = events.get(0);
    List<Directive> set = ctx.childrenNamed(block, "worker_connections");
    if (set.isEmpty()) {
      // an empty events {} gives the compiled default 512, not the sample config's 1024
      if (Workers.DEFAULT_CONNECTIONS >= min) {
        return;
      }
      Directive unread = UnreadIncludes.inBlock(block, ctx);
      // events {} includes a file not read here (a product's custom events file): named for
      // it, it sets the value in practice; otherwise the message names it (the fix is then
      // unsafe: a second worker_connections there is "is duplicate")
      if (UnreadIncludes.namedFor(unread, "worker", "connection")) {
        return;
      }
      ctx.report(this, block, "events sets no worker_connections, so nginx's default of "
          + Workers.DEFAULT_CONNECTIONS + " applies, below " + min + ": each proxied request takes two of a"
          + " worker's connection slots" + UnreadIncludes.caveat(unread, "it"),
          Fix.safe("add " + line, List.of(Edits.insertAtEnd(block, line))));
      return;
    }
    Directive wc = set.get(set.size() - 1);
    int value = Numbers.atoi(wc.arg(0));
    // an unreadable value is nginx -t's finding, not a low one
    if (value < 0 || value >= min) {
      return;
    }
    ctx.report(this, wc, "worker_connections " + value + " is below " + min + ": it counts every"
        + " connection of a worker, and each proxied request takes two",
        Fix.safe("set worker_connections to " + target,
            List.of(Edits.replaceArg(wc, wc.args().get(0), String.valueOf(target)))));
  }

  private static boolean isNamedNginxConf(ConfigTree tree) {
    String name = tree.entry().displayName();
    return name.equals("nginx.conf") || name.endsWith("/nginx.conf") || name.endsWith("\\nginx.conf");
  }

  /** True when the top level holds http, stream or mail: a whole config, not a fragment. */
  private static boolean hasServerBlocks(RuleContext ctx) {
    return !ctx.childrenNamed(null, "http").isEmpty() || !ctx.childrenNamed(null, "stream").isEmpty()
        || !ctx.childrenNamed(null, "mail").isEmpty();
  }
}
