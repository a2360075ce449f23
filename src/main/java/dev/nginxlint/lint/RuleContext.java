package dev.nginxlint.lint;

import dev.nginxlint.fix.Fix;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;

/**
 * Answers nginx questions about one tree, once, for every rule: effective values under nginx's
 * inheritance (http → server → location → nested location / if), the array rule (a directive
 * such as proxy_set_header is inherited only when none is set at the level), upstream groups
 * (case-insensitive, defined anywhere; http and stream apart), and variable definitions.
 * Results are indexed once per block, so no rule rescans the tree.
 */
public final class RuleContext {

  private final ConfigTree tree;
  private final Settings settings;
  private final List<Finding> findings;
  private final Indexes indexes;

  /**
   * What is computed once per tree, shared by the contexts of one tree (see {@link #reportingTo}),
   * which may run on different threads: every cache is safe for concurrent use, and a value is
   * published only once complete (the tree is read-only while rules run).
   */
  private static final class Indexes {
    /** The tree's top level by name (a block's own index lives in its Directive). */
    volatile Map<String, List<Directive>> topIndex;
    volatile Map<String, Directive> httpUpstreams;
    /** Every directive of the tree by name, in reading order, data entries left out (set once, before any rule runs). */
    Map<String, List<Directive>> byName;
    volatile Map<String, List<Directive>> variableDefs;
    /** Kind → directive → a value derived from it (see {@link #perDirective}). */
    final Map<Object, java.util.concurrent.atomic.AtomicReferenceArray<Object>> perDirective =
        new ConcurrentHashMap<>();
    /** Rule → its id, category and configured severity (see {@link #report}). */
    final Map<LintRule, Reporting> reporting = new ConcurrentHashMap<>();
    /** Key → a task computing the value once; others asking for the key wait for it. */
    final Map<Object, FutureTask<Object>> shared = new ConcurrentHashMap<>();
  }

  /**
   * A context over a sealed tree, with its directives by name (in reading order, without data
   * entries), gathered by the walk the linter makes anyway; the lists must not change afterwards.
   */
  public RuleContext(ConfigTree tree, Settings settings, List<Finding> findings, Map<String, List<Directive>> byName) {
    this(tree, settings, findings, new Indexes());
    indexes.byName = java.util.Objects.requireNonNull(byName);
  }

  private RuleContext(ConfigTree tree, Settings settings, List<Finding> findings, Indexes indexes) {
    this.tree = tree;
    this.settings = settings;
    this.findings = findings;
    this.indexes = indexes;
  }

  /**
   * A context over the same tree that shares this one's indexes and shared values but reports
   * into {@code other}: for rules running on another thread (each thread its own list, so the
   * findings can be put together in a fixed order).
   */
  public RuleContext reportingTo(List<Finding> other) {
    return new RuleContext(tree, settings, other, indexes);
  }

  public ConfigTree tree() { return tree; }
  public NginxVersion version() { return settings.version(); }
  /** The target's optional modules (--nginx-build). */
  public NginxBuild build() { return settings.build(); }
  /** The environment templates are rendered with (--env, --env-file). */
  public dev.nginxlint.model.Envsubst environment() { return settings.environment(); }

  /** True when the target nginx enables upstream keepalive, HTTP/1.1 and no Connection: close. */
  public boolean keepaliveDefaults() {
    return version().atLeast(NginxVersion.KEEPALIVE_DEFAULTS);
  }

  /**
   * A value computed once per tree and shared by every rule that asks with the same key (rules
   * are stateless and shared across trees, so per-tree facts live here).
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, java.util.function.Supplier<T> compute) {
    FutureTask<Object> task = indexes.shared.get(key);
    if (task == null) {
      FutureTask<Object> mine = new FutureTask<>(compute::get);
      task = indexes.shared.putIfAbsent(key, mine);
      if (task == null) {
        task = mine;
      }
    }
    // computes here unless another thread does or did
    return (T) dev.nginxlint.exec.Threads.join(task, RuntimeException.class);
  }

  /**
   * A value derived from one directive alone, computed on first use and kept for the tree's
   * other rules and passes ({@code kind} names the derivation, one constant per kind). Several
   * rules ask the same question of every proxy_pass; a big config has thousands of them. The
   * value must not depend on anything else that could differ between the callers, and
   * {@code compute} may run twice when two threads race (both results are equal).
   */
  @SuppressWarnings("unchecked")
  public <T> T perDirective(Object kind, Directive d, java.util.function.Function<Directive, T> compute) {
    java.util.concurrent.atomic.AtomicReferenceArray<Object> values = indexes.perDirective.get(kind);
    if (values == null) {
      values = indexes.perDirective.computeIfAbsent(kind,
          k -> new java.util.concurrent.atomic.AtomicReferenceArray<>(tree.size()));
    }
    int slot = d.ordinal();
    // a directive of another tree, or of one not sealed: nothing to keep it under
    if (slot < 0 || slot >= values.length() || d.tree() != tree) {
      return compute.apply(d);
    }
    Object v = values.get(slot);
    if (v == null) {
      v = compute.apply(d);
      values.compareAndSet(slot, null, v == null ? NONE : v);
      v = values.get(slot);
    }
    return v == NONE ? null : (T) v;
  }

  /** Stands for a null value in {@link #perDirective}'s maps. */
  private static final Object NONE = new Object();

  // ---- reporting ----

  /** Reports a finding of {@code rule} at the head of a directive (name through ';' or '{'). */
  public void report(LintRule rule, Directive at, String message) {
    report(rule, at, message, null);
  }

  public void report(LintRule rule, Directive at, String message, Fix fix) {
    report(rule, at.file(), at.headSpan(), message, fix);
  }

  /** As {@link #report(LintRule, Directive, String, Fix)}, naming other places of the same problem. */
  public void report(LintRule rule, Directive at, String message, Fix fix, List<Finding.Related> related) {
    report(rule, at.file(), at.headSpan(), message, fix, related);
  }

  public void report(LintRule rule, dev.nginxlint.model.SourceFile file, Span span, String message, Fix fix) {
    report(rule, file, span, message, fix, List.of());
  }

  public void report(LintRule rule, dev.nginxlint.model.SourceFile file, Span span, String message, Fix fix,
      List<Finding.Related> related) {
    Reporting r = indexes.reporting.get(rule);
    if (r == null) {
      // once per rule: the metadata sits behind an annotation proxy, slow to ask per finding
      var meta = rule.meta();
      r = new Reporting(meta.id(), meta.category(), settings.severityOf(meta.id(), meta.severity()));
      indexes.reporting.putIfAbsent(rule, r);
    }
    findings.add(new Finding(r.id(), r.category(), r.severity(), message, file, span, fix, related));
  }

  /** What each finding of a rule carries besides its own text and place. */
  private record Reporting(String id, Category category, Severity severity) {}

  // ---- options ----

  public String option(LintRule rule, String key, String fallback) {
    String v = settings.option(rule.id(), key);
    return v == null ? fallback : v;
  }

  public int intOption(LintRule rule, String key, int fallback) {
    String v = settings.option(rule.id(), key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + rule.id() + "." + key + " must be a whole number, got \"" + v + "\"");
    }
  }

  /** A duration option in seconds, written as nginx writes times (30s, 2m, 1h, 500ms). */
  public long secondsOption(LintRule rule, String key, long fallbackSeconds) {
    String v = settings.option(rule.id(), key);
    if (v == null) {
      return fallbackSeconds;
    }
    long ms = NginxValues.millis(v);
    if (ms < 0) {
      throw new IllegalArgumentException("option " + rule.id() + "." + key + " must be a time like 30s, got \"" + v + "\"");
    }
    return ms / 1000;
  }

  // ---- the tree, by level ----

  /** The directives named {@code name} directly in {@code block} (null = the tree's top level). */
  public List<Directive> childrenNamed(Directive block, String name) {
    if (block != null) {
      return block.childrenIndexed(name);
    }
    Map<String, List<Directive>> index = indexes.topIndex;
    if (index == null) {
      // built completely before it is published; a racing thread builds an equal one
      indexes.topIndex = index = Directive.index(tree.directives());
    }
    return index.getOrDefault(name, List.of());
  }

  /**
   * The directive {@code name} in effect where {@code at} stands: at its own level, else the
   * nearest enclosing level that sets it (the last one written there, as nginx keeps the
   * last for most directives it lets repeat). Null when nothing sets it (the default applies).
   */
  public Directive effective(Directive at, String name) {
    return effectiveIn(at.parent(), name);
  }

  /** As {@link #effective} but starting at the inside of {@code block} (null = top level). */
  public Directive effectiveIn(Directive block, String name) {
    for (Directive level = block; ; level = level.parent()) {
      List<Directive> here = childrenNamed(level, name);
      if (!here.isEmpty()) {
        return here.get(here.size() - 1);
      }
      if (level == null) {
        return null;
      }
    }
  }

  /**
   * The array directive list in effect where {@code at} stands (proxy_set_header, add_header,
   * fastcgi_param, ...): the directives of the nearest level that sets any, and only those;
   * empty when none does.
   */
  public List<Directive> effectiveArray(Directive at, String name) {
    return effectiveArrayIn(at.parent(), name);
  }

  public List<Directive> effectiveArrayIn(Directive block, String name) {
    for (Directive level = block; ; level = level.parent()) {
      List<Directive> here = childrenNamed(level, name);
      if (!here.isEmpty()) {
        return here;
      }
      if (level == null) {
        return List.of();
      }
    }
  }

  /** The level (block directive, or null for the top) whose list {@link #effectiveArrayIn} returns. */
  public Directive arrayLevel(Directive block, String name) {
    for (Directive level = block; level != null; level = level.parent()) {
      if (!childrenNamed(level, name).isEmpty()) {
        return level;
      }
    }
    return null;
  }

  /**
   * Every directive named {@code name} anywhere in the tree, in reading order; map/geo/types
   * entries are data, not directives, and are left out. For rules that look for a few names in
   * the whole tree: one index instead of a walk each.
   */
  public List<Directive> directivesNamed(String name) {
    List<Directive> found = indexes.byName.get(name);
    return found == null ? List.of() : Collections.unmodifiableList(found);
  }

  /** The names of the tree's directives (data entries left out). */
  public java.util.Set<String> directiveNames() {
    return Collections.unmodifiableSet(indexes.byName.keySet());
  }

  /** The directives with any of these names, in reading order (see {@link #directivesNamed}). */
  public List<Directive> directivesNamed(Iterable<String> names) {
    List<Directive> all = new ArrayList<>();
    int lists = 0;
    for (String n : names) {
      List<Directive> some = directivesNamed(n);
      if (!some.isEmpty()) {
        all.addAll(some);
        lists++;
      }
    }
    if (lists > 1) {
      all.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
    }
    return all;
  }

  // ---- upstreams ----

  /** The http upstream group of that name (case-insensitive), wherever it is defined; or null. */
  public Directive httpUpstream(String name) {
    return upstreamIndex().get(name.toLowerCase(Locale.ROOT));
  }

  public List<Directive> httpUpstreams() {
    return new ArrayList<>(upstreamIndex().values());
  }

  private Map<String, Directive> upstreamIndex() {
    Map<String, Directive> index = indexes.httpUpstreams;
    if (index == null) {
      Map<String, Directive> built = new java.util.LinkedHashMap<>();
      for (Directive d : directivesNamed("upstream")) {
        // stream {} upstreams live in their own namespace: never an http proxy_pass target
        if (d.hasBlock() && d.argCount() >= 1 && d.contextName().equals("http")) {
          built.putIfAbsent(d.arg(0).toLowerCase(Locale.ROOT), d);
        }
      }
      indexes.httpUpstreams = index = built;
    }
    return index;
  }

  /** True when this tree's top-level context is inside http (a main config or an http snippet). */
  public boolean isHttpContext(Directive d) {
    return "http".equals(d.outermostContext());
  }

  /** True when the directive stands in a stream {} block. */
  public boolean isStreamContext(Directive d) {
    return "stream".equals(d.outermostContext());
  }

  public Context rootContext() {
    return tree.rootContext();
  }

  // ---- variables ----

  /**
   * Where a variable gets its value: `set $v ...`, `map ... $v`, `geo ... $v`,
   * `split_clients ... $v`, and other setters (perl_set, js_set, set_by_lua*...). Name without '$'.
   */
  public List<Directive> variableDefinitions(String name) {
    Map<String, List<Directive>> defs = indexes.variableDefs;
    if (defs == null) {
      Map<String, List<Directive>> built = new HashMap<>();
      for (Directive d : directivesNamed(SETTERS)) {
        String var = definedVariable(d);
        if (var != null) {
          built.computeIfAbsent(var, k -> new ArrayList<>()).add(d);
        }
      }
      indexes.variableDefs = defs = built;
    }
    return defs.getOrDefault(name, List.of());
  }

  /** The directives {@link #definedVariable} knows. */
  private static final List<String> SETTERS = List.of("set", "perl_set", "js_set", "set_by_lua", "set_by_lua_file",
      "set_by_lua_block", "auth_request_set", "set_real_ip_from_var", "map", "split_clients", "geo", "geoip2");

  private static String definedVariable(Directive d) {
    String target = switch (d.name()) {
      case "set", "perl_set", "js_set", "set_by_lua", "set_by_lua_file", "set_by_lua_block",
          "auth_request_set", "set_real_ip_from_var" -> d.arg(0);
      case "map", "split_clients" -> d.arg(1);
      case "geo", "geoip2" -> d.argCount() >= 2 && d.hasBlock() && d.name().equals("geo") ? d.arg(1) : d.arg(0);
      default -> null;
    };
    if (target == null || !target.startsWith("$") || target.length() < 2) {
      return null;
    }
    return target.substring(1);
  }
}
