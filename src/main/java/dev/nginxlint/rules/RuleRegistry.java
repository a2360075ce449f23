package dev.nginxlint.rules;

import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.RuleSet;
import dev.nginxlint.rules.read.IncludeCycle;
import dev.nginxlint.rules.read.IncludeNotChecked;
import dev.nginxlint.rules.read.IncludeNotFound;
import dev.nginxlint.rules.read.SyntaxErrorRule;
import dev.nginxlint.rules.read.UnusedSuppression;
import dev.nginxlint.rules.reliability.FastcgiKeepConn;
import dev.nginxlint.rules.reliability.ProxyConnectionHeader;
import dev.nginxlint.rules.reliability.ProxyHttpVersion;
import dev.nginxlint.rules.reliability.ProxyNextUpstreamNonIdempotent;
import dev.nginxlint.rules.reliability.ProxyPassNoUpstream;
import dev.nginxlint.rules.reliability.ProxyPassResolver;
import dev.nginxlint.rules.reliability.ProxySetHeaderInheritance;
import dev.nginxlint.rules.reliability.ProxyTimeoutsDefault;
import dev.nginxlint.rules.reliability.UpstreamKeepalive;
import dev.nginxlint.rules.reliability.UpstreamKeepaliveOrder;
import dev.nginxlint.rules.reliability.UpstreamKeepaliveTimeout;
import dev.nginxlint.rules.reliability.UpstreamLocalhost;
import dev.nginxlint.rules.reliability.UpstreamMaxFails;
import dev.nginxlint.rules.reliability.UpstreamStaticDns;
import dev.nginxlint.rules.reliability.WorkerConnectionsLow;
import dev.nginxlint.rules.reliability.WorkerProcesses;
import dev.nginxlint.rules.reliability.WorkerRlimitNofile;
import java.util.List;

/** Every rule nginx-lint has, listed by hand (no class-path scanning: fast start, no magic). */
public final class RuleRegistry {

  private static final List<LintRule> ALL = List.of(
      new SyntaxErrorRule(),
      new IncludeNotFound(),
      new IncludeNotChecked(),
      new IncludeCycle(),
      new UnusedSuppression(),
      new dev.nginxlint.rules.correctness.BlockMismatch(),
      new dev.nginxlint.rules.correctness.DeprecatedDirective(),
      new dev.nginxlint.rules.correctness.DirectiveNotAllowedHere(),
      new dev.nginxlint.rules.correctness.DirectiveVersion(),
      new dev.nginxlint.rules.correctness.DuplicateDirective(),
      new dev.nginxlint.rules.correctness.InvalidArgumentCount(),
      new dev.nginxlint.rules.correctness.InvalidFlagValue(),
      new dev.nginxlint.rules.correctness.ProxyBufferSizes(),
      new dev.nginxlint.rules.correctness.ModuleNotDefault(),
      new dev.nginxlint.rules.correctness.UnknownDirective(),
      new dev.nginxlint.rules.correctness.TemplateEnvsubstSwallowsVariable(),
      new dev.nginxlint.rules.correctness.UnknownVariable(),
      // RULES-BEGIN (one line per rule; keep sorted by id within a group)
      new FastcgiKeepConn(),
      new ProxyPassNoUpstream(),
      new UpstreamKeepalive(),
      new UpstreamKeepaliveOrder(),
      new UpstreamKeepaliveTimeout(),
      new UpstreamMaxFails(),
      new WorkerProcesses(),
      new UpstreamLocalhost(),
      new UpstreamStaticDns(),
      new WorkerConnectionsLow(),
      new WorkerRlimitNofile(),
      new ProxyConnectionHeader(),
      new ProxyHttpVersion(),
      new ProxyNextUpstreamNonIdempotent(),
      new ProxyPassResolver(),
      new ProxySetHeaderInheritance(),
      new ProxyTimeoutsDefault()
      // RULES-END
  );

  private static final RuleSet SET = RuleSet.of(ALL);

  private RuleRegistry() {}

  /** Every rule, as the linter takes them (the CLI hands this to it). */
  public static RuleSet rules() {
    return SET;
  }

  public static List<LintRule> all() {
    return ALL;
  }

  public static LintRule byId(String id) {
    return SET.byId(id);
  }

  public static List<String> ids() {
    return SET.ids();
  }
}
