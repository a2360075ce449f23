package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a text with variables can take where a directive stands, as far as the config
 * says: `set` (those of the request's own location/server levels when there are any, else every
 * one, since a value can come along an internal redirect), and the values of `map`, `geo` and
 * `split_clients`. A variable whose value the config does not give (a built-in such as $host,
 * one set by perl_set/js_set/Lua/auth_request_set) stands as {@link #UNKNOWN}.
 */
public final class VariableValues {

  /** Stands for a stretch of text the config does not determine. */
  public static final char UNKNOWN = '\u0001';

  /** How deep values are followed through other variables (set $a $b; set $b ...). */
  private static final int MAX_DEPTH = 4;
  /** More combinations than this: the text counts as unknown (nobody lists that many groups). */
  private static final int MAX_VALUES = 64;

  private VariableValues() {}

  /** The possible expansions of {@code text} for a request at {@code at}, or null when there are too many. */
  public static List<String> expand(String text, Directive at, RuleContext ctx) {
    Set<String> out = new LinkedHashSet<>();
    return expand(text, at, ctx, 0, out) ? new ArrayList<>(out) : null;
  }

  private static boolean expand(String text, Directive at, RuleContext ctx, int depth, Set<String> out) {
    List<StringBuilder> partial = new ArrayList<>();
    partial.add(new StringBuilder());
    int i = 0;
    while (i < text.length()) {
      int[] ref = Variables.referenceAt(text, i);
      if (ref == null) {
        for (StringBuilder b : partial) {
          b.append(text.charAt(i));
        }
        i++;
        continue;
      }
      String name = text.substring(ref[0], ref[1]);
      i = ref[2];
      List<String> values = depth < MAX_DEPTH ? valuesOf(name, at, ctx) : null;
      if (values == null || values.isEmpty()) {
        for (StringBuilder b : partial) {
          b.append(UNKNOWN);
        }
        continue;
      }
      Set<String> expanded = new LinkedHashSet<>();
      for (String v : values) {
        if (!expand(v, at, ctx, depth + 1, expanded)) {
          return false;
        }
      }
      if (partial.size() * expanded.size() > MAX_VALUES) {
        return false;
      }
      List<StringBuilder> next = new ArrayList<>();
      for (StringBuilder b : partial) {
        for (String v : expanded) {
          next.add(new StringBuilder(b).append(v));
        }
      }
      partial = next;
    }
    for (StringBuilder b : partial) {
      out.add(b.toString());
    }
    return out.size() <= MAX_VALUES;
  }

  /**
   * The literal texts (which may hold variables) a variable can be given, or null when some
   * value is not in the config (no definition at all, or a setter computed at run time).
   */
  public static List<String> valuesOf(String name, Directive at, RuleContext ctx) {
    List<Directive> defs = ctx.variableDefinitions(name);
    if (defs.isEmpty()) {
      return null;
    }
    Set<Directive> levels = new java.util.HashSet<>();
    for (Directive p = at.parent(); p != null; p = p.parent()) {
      levels.add(p);
    }
    List<String> inScope = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (Directive def : defs) {
      switch (def.name()) {
        case "set" -> {
          if (def.argCount() < 2) {
            return null;
          }
          sets.add(def.arg(1));
          if (levels.contains(level(def))) {
            inScope.add(def.arg(1));
          }
        }
        case "map", "geo", "split_clients" -> {
          if (!def.hasBlock()) {
            return null;
          }
          boolean hasDefault = false;
          for (Directive e : def.block()) {
            // map/geo flags (hostnames, volatile, ranges, proxy...) carry no value
            if (e.argCount() < 1 || isFlag(def.name(), e.name())) {
              // an include in a map block brings entries this tree may not show
              if (e.name().equals("include")) {
                return null;
              }
              continue;
            }
            hasDefault |= e.name().equals("default") || e.name().equals("*");
            other.add(e.arg(e.argCount() - 1));
          }
          // without a default (and every key missed) a map gives "" and geo its default ""
          if (!hasDefault) {
            other.add("");
          }
        }
        default -> {
          return null;
        }
      }
    }
    List<String> values = new ArrayList<>(other);
    values.addAll(inScope.isEmpty() ? sets : inScope);
    return values;
  }

  /** location and server are the levels rewrite directives belong to ("if" is part of them). */
  public static boolean isLevel(Directive d) {
    return d.name().equals("location") || d.name().equals("server");
  }

  /** The location or server a rewrite-module directive belongs to, or null at http level. */
  public static Directive level(Directive d) {
    Directive p = d.parent();
    while (p != null && !isLevel(p)) {
      p = p.parent();
    }
    return p;
  }

  /** A map/geo body line that is a flag of the block (hostnames, ranges...), not a key. */
  public static boolean isFlag(String block, String key) {
    return switch (block) {
      case "map" -> key.equals("hostnames") || key.equals("volatile") || key.equals("include");
      case "geo" -> key.equals("ranges") || key.equals("delete") || key.equals("proxy")
          || key.equals("proxy_recursive") || key.equals("include");
      default -> false;
    };
  }
}
