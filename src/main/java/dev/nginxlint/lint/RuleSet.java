package dev.nginxlint.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules a {@link Linter} knows, handed to it by its caller (the CLI passes the registry's):
 * every rule it runs, looked up by id for the findings the reader makes (syntax errors, includes)
 * and for the names suppression comments use.
 */
public final class RuleSet {

  private final Map<String, LintRule> byId;
  private final List<LintRule> running;

  private RuleSet(Map<String, LintRule> byId, List<LintRule> running) {
    this.byId = byId;
    this.running = running;
  }

  /** These rules, all of them run; two with one id are a programming error. */
  public static RuleSet of(List<? extends LintRule> rules) {
    Map<String, LintRule> m = new LinkedHashMap<>();
    for (LintRule r : rules) {
      if (m.put(r.id(), r) != null) {
        throw new IllegalStateException("duplicate rule id " + r.id());
      }
    }
    return new RuleSet(m, List.copyOf(rules));
  }

  /**
   * The same rules known by id, but only {@code subset} checked (tests that look at one rule):
   * what the reader reports keeps its rule, and suppressions still know every name.
   */
  public RuleSet running(List<? extends LintRule> subset) {
    return new RuleSet(byId, List.copyOf(subset));
  }

  /** Every known rule, in registry order. */
  public List<LintRule> all() {
    return List.copyOf(byId.values());
  }

  /** The rules a run checks (all of them, unless {@link #running} chose some). */
  public List<LintRule> running() {
    return running;
  }

  /** The rule with this id, or null. */
  public LintRule byId(String id) {
    return byId.get(id);
  }

  /** The known ids, in registry order. */
  public List<String> ids() {
    return new ArrayList<>(byId.keySet());
  }
}
