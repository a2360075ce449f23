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
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.MainLines;
import dev.nginxlint.rules.support.Numbers;
import dev.nginxlint.rules.support.Proxying;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.Workers;
import java.util.List;

/**
 * A proxying main config whose worker_rlimit_nofile is missing or below a factor (2) times the
 * effective worker_connections: workers run out of file descriptors before connection slots.
 */
@RuleOption(name = "nofile-factor", type = RuleOption.Type.INT, defaultValue = "2", min = 1, description = "a finding below this factor times worker_connections; the fix writes the product")
@Rule(id = "worker-rlimit-nofile", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class WorkerRlimitNofile implements TreeRule {

  /** The open-files soft limit a worker usually inherits: systemd's default, and a Docker container's since Docker 29 (containerd 2). */
  private static final long INHERITED_SOFT_LIMIT = 1024;
  /**
   * Descriptors a worker holds besides its connection slots when busy (listening sockets, logs,
   * files it sends, temporary files of buffered responses): a rough allowance, since
   * worker_connections already counts both sides of a proxied request.
   */
  private static final long OTHER_DESCRIPTORS = 64;

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    // files included into http {} are never main configurations
    if (!tree.isMain()) {
      return;
    }
    List<Directive> events = ctx.childrenNamed(null, "events");
    // without events nginx does not start at all (worker-connections-low reports that)
    if (events.isEmpty()) {
      return;
    }
    // a server that only serves files needs one descriptor per connection, not two
    if (!Proxying.anyPass(ctx)) {
      return;
    }
    Directive block = events.get(0);
    List<Directive> set = ctx.childrenNamed(block, "worker_connections");
    Directive wc = set.isEmpty() ? null : set.get(set.size() - 1);
    int connections = wc == null ? Workers.DEFAULT_CONNECTIONS : Numbers.atoi(wc.arg(0));
    // an unreadable value is nginx -t's finding
    if (connections < 0) {
      return;
    }
    long needed = (long) ctx.intOption(this, "nofile-factor", 2) * connections;
    // events {} includes a file not read here (a deploy-time custom events file): it may set
    // worker_connections, and the limit the fix writes would then be too low
    Directive unread = wc == null ? UnreadIncludes.inBlock(block, ctx) : null;
    List<Directive> limits = ctx.childrenNamed(null, "worker_rlimit_nofile");
    String why;
    Fix fix;
    if (limits.isEmpty()) {
      // the limit workers inherit is 1024 or more (systemd's soft default, Docker 29's too):
      // every connection slot (both sides of a proxied request count) and the worker's other
      // descriptors fit in it (Debian's 768 do), so the slots run out first: no failure to report
      if (connections + OTHER_DESCRIPTORS <= INHERITED_SOFT_LIMIT && unread == null) {
        return;
      }
      why = "worker_rlimit_nofile is not set, so workers keep the inherited limit (often 1024)";
      fix = Fix.safe("add worker_rlimit_nofile " + needed, List.of(MainLines.insertAboveEvents(tree, block, "worker_rlimit_nofile " + needed + ";")));
    } else {
      Directive limit = limits.get(limits.size() - 1);
      long value = parseLong(limit.arg(0));
      // enough room, or a value nginx -t rejects anyway
      if (value < 0 || value >= needed) {
        return;
      }
      why = "worker_rlimit_nofile " + value + " is below " + needed;
      fix = Fix.safe("raise worker_rlimit_nofile to " + needed,
          List.of(Edits.replaceArg(limit, limit.args().get(0), String.valueOf(needed))));
    }
    String conns = wc == null ? "the default worker_connections " + connections : "worker_connections " + connections;
    if (unread != null) {
      fix = Fix.unsafe(fix.title() + " (\"" + unread.arg(0) + "\" was not read and may set another"
          + " worker_connections)", fix.edits());
    }
    ctx.report(this, wc != null ? wc : block, why + ", with " + conns + " in a proxying configuration:"
        + " workers run out of file descriptors (\"Too many open files\") before connection slots"
        + UnreadIncludes.caveat(unread, "worker_connections"), fix);
  }

  private static long parseLong(String s) {
    if (s == null || s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Long.parseLong(s);
  }
}
