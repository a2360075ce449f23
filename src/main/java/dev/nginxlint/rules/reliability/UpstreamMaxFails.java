package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.Numbers;
import java.util.List;
import java.util.Set;

/**
 * A server in a multi-server http upstream that is taken out after a single failure
 * (`max_fails=1`, written or by default): under load one timeout per server empties the group.
 */
@RuleOption(name = "min-max-fails", type = RuleOption.Type.INT, defaultValue = "2", min = 1, description = "servers whose effective max_fails is below this (and not 0) are reported")
@RuleOption(name = "fix-max-fails", type = RuleOption.Type.INT, defaultValue = "3", min = 1, description = "the value the fix writes (at least min-max-fails)")
@Rule(id = "upstream-max-fails", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class UpstreamMaxFails implements DirectiveRule {

  @Override
  public Set<String> directives() {
    return Set.of("upstream");
  }

  @Override
  public void check(Directive upstream, RuleContext ctx) {
    // stream upstreams never get http rules
    if (!upstream.hasBlock() || !"http".equals(upstream.contextName())) {
      return;
    }
    List<Directive> servers = ctx.childrenNamed(upstream, "server");
    // nginx ignores max_fails for a single server (a backup or down server makes two)
    if (servers.size() < 2) {
      return;
    }
    int min = ctx.intOption(this, "min-max-fails", 2);
    // the fix writes a value this rule accepts, whatever the options say
    int target = Math.max(ctx.intOption(this, "fix-max-fails", 3), min);
    for (Directive server : servers) {
      int maxFails = 1; // nginx's default
      int written = -1; // the max_fails= parameter in effect, if any
      boolean down = false;
      for (int i = 1; i < server.argCount(); i++) {
        String p = server.arg(i);
        if (p.equals("down")) {
          down = true;
        } else if (p.startsWith("max_fails=")) {
          maxFails = Numbers.atoi(p.substring("max_fails=".length()));
          written = i;
        }
      }
      // a down server is never chosen, so its failure count never matters
      if (down) {
        continue;
      }
      // max_fails=0 turns accounting off; an unreadable value is nginx -t's finding
      if (maxFails <= 0 || maxFails >= min) {
        continue;
      }
      ctx.report(this, server, "server " + server.arg(0) + " in upstream \"" + upstream.arg(0)
          + "\" is marked unavailable after " + maxFails + (maxFails == 1 ? " failure" : " failures")
          + " (max_fails=" + maxFails + "): under load a few timeouts take the whole group out"
          + " for fail_timeout", fix(server, written, target));
    }
  }

  /** Unsafe (failover changes): rewrite max_fails=, or add it right after the address. */
  private static Fix fix(Directive server, int written, int target) {
    if (server.argCount() == 0) {
      return null;
    }
    String param = "max_fails=" + target;
    var edit = written >= 0
        ? Edits.replaceArg(server, server.args().get(written), param)
        : Edits.insertArgAfter(server, server.args().get(0), param);
    return Fix.unsafe("set " + param, List.of(edit));
  }
}
