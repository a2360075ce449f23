package dev.nginxlint.rules;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DidYouMean;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.NginxValues;
import dev.nginxlint.lint.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The declared options of the rules ({@link RuleOption}) and the check of what a user sets:
 * an unknown rule, option, a wrong type or an out-of-range value is refused with a message that
 * names it and lists what is valid. Read by reflection only when options or selections are
 * given, so a plain run pays nothing for it.
 */
public final class RuleOptions {

  private RuleOptions() {
  }

  /** The options a rule declares, in declaration order. */
  public static List<RuleOption> of(LintRule rule) {
    return Arrays.asList(rule.getClass().getAnnotationsByType(RuleOption.class));
  }

  /**
   * Checks the settings' rule ids and options; the first problem as a message, or null. The
   * selections and options of a .nginx-lint.yml were checked when it was read (so its messages
   * name the file): what is left to blame here came from the command line.
   */
  public static String problem(Settings s) {
    for (String sel : s.select()) {
      String p = selectorProblem(sel);
      if (p != null) {
        return "--select: " + p;
      }
    }
    for (String ign : s.ignore()) {
      String p = selectorProblem(ign);
      if (p != null) {
        return "--ignore: " + p;
      }
    }
    for (String id : s.severities().keySet()) {
      String p = ruleProblem(id);
      if (p != null) {
        return "severity: " + p;
      }
    }
    for (Map.Entry<String, Map<String, String>> e : s.options().entrySet()) {
      for (Map.Entry<String, String> o : e.getValue().entrySet()) {
        String p = optionProblem(e.getKey(), o.getKey(), o.getValue());
        if (p != null) {
          return "--rule-option: " + p;
        }
      }
    }
    return null;
  }

  /** Why a rule id is not one, or null. */
  public static String ruleProblem(String id) {
    return RuleRegistry.byId(id) != null ? null
        : "unknown rule \"" + id + "\"" + DidYouMean.of(id, RuleRegistry.ids());
  }

  /** Why RULE.OPTION=VALUE cannot be set (unknown rule or option, a value that does not fit), or null. */
  public static String optionProblem(String ruleId, String option, String value) {
    LintRule rule = RuleRegistry.byId(ruleId);
    if (rule == null) {
      return ruleProblem(ruleId);
    }
    List<RuleOption> declared = of(rule);
    List<String> names = declared.stream().map(RuleOption::name).toList();
    RuleOption spec = declared.stream().filter(d -> d.name().equals(option)).findFirst().orElse(null);
    if (spec == null) {
      return rule.id() + " has no option \"" + option + "\""
          + (names.isEmpty() ? " (it has no options)" : DidYouMean.of(option, names) + " (its options: "
              + String.join(", ", names) + ")");
    }
    String bad = badValue(spec, value);
    return bad == null ? null : rule.id() + "." + option + "=" + value + ": " + bad;
  }

  /** Why a value does not fit its declaration, or null. */
  static String badValue(RuleOption spec, String raw) {
    String v = raw.trim();
    switch (spec.type()) {
      case INT -> {
        long n;
        try {
          n = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return "expected a whole number";
        }
        long max = Math.min(spec.max(), Integer.MAX_VALUE);
        if (n < spec.min() || n > max) {
          return "expected a whole number from " + spec.min() + " to " + max;
        }
      }
      case DURATION -> {
        long ms = NginxValues.millis(v);
        if (ms < 0) {
          return "expected a time as nginx writes it (30s, 2m, 500ms)";
        }
        if (ms / 1000 < spec.min()) {
          return "expected at least " + spec.min() + "s";
        }
        if (spec.max() != Long.MAX_VALUE && ms > spec.max() * 1000) {
          return "expected at most " + spec.max() + "s";
        }
      }
      case WORDS -> {
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (c < 0x20 && c != '\t' || c == 0x7f || ";{}#\"'\\".indexOf(c) >= 0) {
            return "expected words to write into a directive, without ; { } # quotes, backslashes or control"
                + " characters (found " + (c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : "'" + c + "'") + ")";
          }
        }
      }
      default -> {
        // free text and word lists: the rule reads what it understands
      }
    }
    return null;
  }

  /** Why a --select/--ignore entry names no rule or category, or null. */
  public static String selectorProblem(String sel) {
    if (sel.equalsIgnoreCase("all") || RuleRegistry.byId(sel) != null) {
      return null;
    }
    for (Category c : Category.values()) {
      if (c.label().equalsIgnoreCase(sel)) {
        return null;
      }
    }
    List<String> valid = new ArrayList<>(RuleRegistry.ids());
    for (Category c : Category.values()) {
      valid.add(c.label());
    }
    valid.add("all");
    TreeSet<String> cats = new TreeSet<>();
    for (Category c : Category.values()) {
      cats.add(c.label());
    }
    return "unknown rule or category \"" + sel + "\"" + DidYouMean.of(sel, valid)
        + " (categories: " + String.join(", ", cats) + ", all; `nginx-lint rules` lists the rules)";
  }
}
