package dev.nginxlint.rules;

import dev.nginxlint.rules.read.IncludeCycle;
import dev.nginxlint.rules.read.IncludeNotFound;
import dev.nginxlint.rules.read.SyntaxErrorRule;
import dev.nginxlint.rules.read.UnusedSuppression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every rule nginx-lint has, listed by hand (no class-path scanning: fast start, no magic). */
public final class RuleRegistry {

  private static final List<LintRule> ALL = List.of(
      new SyntaxErrorRule(),
      new IncludeNotFound(),
      new IncludeCycle(),
      new UnusedSuppression()
      // RULES-BEGIN (one line per rule; keep sorted by id within a group)
      // RULES-END
  );

  private static final Map<String, LintRule> BY_ID = index();

  private RuleRegistry() {}

  public static List<LintRule> all() {
    return ALL;
  }

  public static LintRule byId(String id) {
    return BY_ID.get(id);
  }

  public static List<String> ids() {
    return new ArrayList<>(BY_ID.keySet());
  }

  private static Map<String, LintRule> index() {
    Map<String, LintRule> m = new LinkedHashMap<>();
    for (LintRule r : ALL) {
      if (m.put(r.id(), r) != null) {
        throw new IllegalStateException("duplicate rule id " + r.id());
      }
    }
    return m;
  }
}
