package dev.nginxlint.lint;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.exec.Threads;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the enabled rules over every tree: one walk per tree, each directive handed to the rules
 * that asked for its name. Then suppressions, severity threshold and de-duplication (a file
 * analysed in several contexts reports each finding once).
 */
public final class Linter {

  /** A rule that threw: reported as an internal error, never as a finding. */
  public record RuleFailure(String rule, String where, RuntimeException error) {}

  /**
   * The findings of one run, sorted, the rules that failed, and the prefix mappings the
   * include resolution used (reports say where absolute paths were read from).
   */
  /** A run's findings; {@code baseline} says what a baseline hid (null when none was applied). */
  public record Result(List<Finding> findings, List<RuleFailure> failures, int files,
      List<dev.nginxlint.model.ConfigSet.PrefixUse> prefixesUsed, Baseline.Use baseline) {
    public Result(List<Finding> findings, List<RuleFailure> failures, int files) {
      this(findings, failures, files, List.of(), null);
    }

    public Result(List<Finding> findings, List<RuleFailure> failures, int files,
        List<dev.nginxlint.model.ConfigSet.PrefixUse> prefixesUsed) {
      this(findings, failures, files, prefixesUsed, null);
    }
  }

  private final Settings settings;
  private final RuleSet known;
  private final List<LintRule> rules;
  private Parallelism parallelism = Parallelism.SEQUENTIAL;

  public Settings settings() {
    return settings;
  }

  /** A linter that runs {@code rules.running()} (the caller's registry: lint knows no rule itself). */
  public Linter(Settings settings, RuleSet rules) {
    this.settings = settings;
    this.known = rules;
    this.rules = rules.running();
  }

  /** When the rules of a big tree run on two threads (the CLI's choice; sequential by default). */
  public Linter parallelism(Parallelism p) {
    this.parallelism = p;
    return this;
  }

  public Result run(ConfigSet set) {
    List<Finding> raw = new ArrayList<>();
    List<RuleFailure> failures = new ArrayList<>();
    for (Diagnostic d : set.diagnostics()) {
      LintRule r = known.byId(d.rule());
      Rule meta = r.meta();
      if (settings.enabled(meta.id(), meta.category())) {
        raw.add(new Finding(meta.id(), meta.category(), settings.severityOf(meta.id(), meta.severity()),
            d.message(), d.file(), d.span(), null));
      }
    }
    Map<String, List<DirectiveRule>> byName = new HashMap<>();
    List<DirectiveRule> directiveRules = new ArrayList<>();
    List<TreeRule> treeRules = new ArrayList<>();
    for (LintRule r : rules) {
      if (r instanceof ReadRule || !settings.enabled(r.id(), r.meta().category())) {
        continue;
      }
      if (r instanceof DirectiveRule dr) {
        directiveRules.add(dr);
        for (String name : dr.directives()) {
          byName.computeIfAbsent(name, k -> new ArrayList<>()).add(dr);
        }
      }
      if (r instanceof TreeRule tr) {
        treeRules.add(tr);
      }
    }
    for (ConfigTree tree : set.trees()) {
      // nginx stops at the first syntax error: the rest of the tree is unknown, so rules
      // would only guess (and guess wrong); the syntax error is the finding
      if (tree.hasSyntaxErrors()) {
        continue;
      }
      // One walk hands each directive rule its directives, in reading order. Then the rules run
      // as independent jobs (all tree rules in reading order as one job, as they share the
      // correctness verdicts; each directive rule as one), on two threads for a big tree, each
      // job reporting into its own lists. The lists are put together in job order: every rule
      // keeps the order of its own findings, which is all that de-duplication and the final
      // stable sort depend on, so the result is that of a sequential run.
      Map<String, List<Directive>> named = new HashMap<>();
      Map<DirectiveRule, List<Directive>> targets = targets(tree, byName, directiveRules, named);
      RuleContext base = new RuleContext(tree, impliedTarget(named), new ArrayList<>(), named);
      List<Job> jobs = new ArrayList<>();
      if (!treeRules.isEmpty()) {
        // (after every directive rule in a sequential run's order)
        jobs.add(new Job(base, directiveRules.size(), job -> treeRules(tree, treeRules, job.ctx, job.failed)));
      }
      // the busiest directive rules first, so that the two threads finish close together
      List<DirectiveRule> busiestFirst = new ArrayList<>(directiveRules);
      busiestFirst.sort((a, b) -> Integer.compare(targets.get(b).size(), targets.get(a).size()));
      for (DirectiveRule r : busiestFirst) {
        if (!targets.get(r).isEmpty()) {
          jobs.add(new Job(base, directiveRules.indexOf(r), job -> check(r, targets.get(r), job.ctx, job.failed)));
        }
      }
      if (jobs.size() > 1 && parallelism.splits(Parallelism.Work.RULES, bytes(tree))) {
        Threads.shareOnTwoThreads(jobs, "nginx-lint-rules", HELPER_STACK_BYTES);
      } else {
        for (Job j : jobs) {
          j.run();
        }
      }
      // merged as a sequential run orders them: directive rules (in rule order), then tree rules
      jobs.sort((a, b) -> Integer.compare(a.order, b.order));
      for (Job j : jobs) {
        raw.addAll(j.found);
        failures.addAll(j.failed);
      }
    }
    // sorted first (stable: equal findings keep the order they were reported in), so that
    // de-duplication only compares neighbours
    raw.sort(ORDER);
    List<Finding> kept = suppress(dedupeSorted(raw), set.files());
    Set<SourceFile> contextOnly = contextOnlyFiles(set);
    if (!contextOnly.isEmpty()) {
      kept.removeIf(f -> contextOnly.contains(f.file()));
    }
    kept.removeIf(f -> f.severity().compareTo(settings.threshold()) < 0);
    kept.sort(ORDER); // (only what suppress added is out of place)
    return new Result(kept, failures, set.files().size(), set.prefixesUsed());
  }

  /**
   * Files no tree reports on: read only as the context of a snippet the user named (a main
   * config that includes it). Filtered after suppressions, so their suppression comments are
   * neither applied to nor reported as unused in what the user did not ask about.
   */
  private static Set<SourceFile> contextOnlyFiles(ConfigSet set) {
    Set<SourceFile> hidden = new java.util.HashSet<>();
    Set<SourceFile> shown = new java.util.HashSet<>();
    for (ConfigTree tree : set.trees()) {
      for (SourceFile f : tree.files()) {
        (tree.reports(f) ? shown : hidden).add(f);
      }
    }
    hidden.removeAll(shown);
    return hidden;
  }

  /** Rules may recurse as deep as the tree nests: the helper thread gets the worker's big stack. */
  private static final long HELPER_STACK_BYTES = 1L << 30;

  /** Some rules' work on one tree, with its own context and lists (so jobs may run in parallel). */
  private static final class Job implements Runnable {
    final List<Finding> found = new ArrayList<>();
    final List<RuleFailure> failed = new ArrayList<>();
    final RuleContext ctx;
    /** Where a sequential run would have its findings: the rule's place among the directive rules. */
    final int order;
    private final java.util.function.Consumer<Job> work;

    Job(RuleContext base, int order, java.util.function.Consumer<Job> work) {
      this.ctx = base.reportingTo(found);
      this.order = order;
      this.work = work;
    }

    @Override
    public void run() {
      work.accept(this);
    }
  }

  /**
   * Each directive rule's directives, in reading order (data entries are not directives); and,
   * in the same walk, every directive by name into {@code named} (see {@link RuleContext#directivesNamed}).
   */
  private static Map<DirectiveRule, List<Directive>> targets(ConfigTree tree,
      Map<String, List<DirectiveRule>> byName, List<DirectiveRule> directiveRules, Map<String, List<Directive>> named) {
    Map<DirectiveRule, List<Directive>> out = new java.util.IdentityHashMap<>();
    for (DirectiveRule r : directiveRules) {
      out.put(r, new ArrayList<>());
    }
    tree.walk(d -> {
      if (d.isDataEntry()) {
        return; // map/geo/types lines are data, not directives
      }
      List<Directive> same = named.get(d.name());
      if (same == null) {
        named.put(d.name(), same = new ArrayList<>());
      }
      same.add(d);
      List<DirectiveRule> interested = byName.get(d.name());
      if (interested == null) {
        return;
      }
      for (DirectiveRule r : interested) {
        out.get(r).add(d);
      }
    });
    return out;
  }

  private static void check(DirectiveRule r, List<Directive> directives, RuleContext ctx,
      List<RuleFailure> failures) {
    for (Directive d : directives) {
      try {
        r.check(d, ctx);
      } catch (RuntimeException e) {
        failures.add(new RuleFailure(r.id(), d.toString(), e));
      }
    }
  }

  private static void treeRules(ConfigTree tree, List<TreeRule> treeRules, RuleContext ctx,
      List<RuleFailure> failures) {
    for (TreeRule r : treeRules) {
      try {
        r.check(tree, ctx);
      } catch (RuntimeException e) {
        failures.add(new RuleFailure(r.id(), tree.toString(), e));
      }
    }
  }

  private static long bytes(ConfigTree tree) {
    long n = 0;
    for (SourceFile f : tree.files()) {
      n += f.size();
    }
    return n;
  }

  /** File (by display name), position, rule, message: written out, as a big run sorts thousands. */
  public static final Comparator<Finding> ORDER = (a, b) -> {
    int c = a.file() == b.file() ? 0 : a.file().displayName().compareTo(b.file().displayName());
    if (c == 0) {
      c = Integer.compare(a.span().start(), b.span().start());
    }
    if (c == 0) {
      c = a.rule().compareTo(b.rule());
    }
    return c != 0 ? c : a.message().compareTo(b.message());
  };

  /**
   * The findings of a list sorted by {@link #ORDER} without repeats: a finding whose
   * {@link Finding#key} equals an earlier one's is dropped (the earlier one is kept, as reported
   * first). Equal keys sort together (same file, place, rule and message), so each finding is
   * compared only with the kept ones that sort equal to it.
   */
  static List<Finding> dedupeSorted(List<Finding> sorted) {
    List<Finding> out = new ArrayList<>(sorted.size());
    int group = 0; // where the kept findings that sort equal to the current one start
    for (Finding f : sorted) {
      if (group < out.size() && ORDER.compare(out.get(group), f) != 0) {
        group = out.size();
      }
      boolean repeat = false;
      for (int i = group; i < out.size() && !repeat; i++) {
        repeat = out.get(i).key().equals(f.key());
      }
      if (!repeat) {
        out.add(f);
      }
    }
    return out;
  }

  private List<Finding> suppress(List<Finding> findings, List<SourceFile> files) {
    List<Suppressions.Entry> entries = new ArrayList<>();
    for (SourceFile f : files) {
      entries.addAll(Suppressions.of(f));
    }
    if (entries.isEmpty()) {
      return findings;
    }
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      boolean hidden = false;
      for (Suppressions.Entry e : entries) {
        String word = e.covers(f);
        if (word != null) {
          e.used.add(word);
          hidden = true;
        }
      }
      if (!hidden) {
        kept.add(f);
      }
    }
    LintRule unused = known.byId("unused-suppression");
    if (!settings.enabled(unused.id(), unused.meta().category())) {
      return kept;
    }
    for (Suppressions.Entry e : entries) {
      List<String> idle = new ArrayList<>();
      for (String r : e.rules) {
        LintRule rule = known.byId(r);
        boolean ran = rule == null || settings.enabled(rule.id(), rule.meta().category());
        if (ran && !e.used.contains(r)) {
          idle.add(r);
        }
      }
      if (!idle.isEmpty()) {
        String unknown = "";
        for (String r : idle) {
          if (known.byId(r) == null && !r.equals("all") && !isCategory(r)) {
            List<String> names = known.ids();
            for (Category c : Category.values()) {
              names.add(c.label());
            }
            unknown = " (unknown rule \"" + r + "\"" + DidYouMean.of(r, names) + ")";
          }
        }
        kept.add(new Finding(unused.id(), unused.meta().category(),
            settings.severityOf(unused.id(), unused.meta().severity()),
            "unused suppression of " + String.join(", ", idle) + unknown, e.file, e.comment.span(), null));
      }
    }
    return kept;
  }

  /**
   * The settings a tree is checked with: when no target version was given, a tree that uses a
   * directive nginx introduced in version X targets at least X (whoever wrote it runs an nginx
   * that has it), so the directive is not reported as too new and the version-dependent rules
   * follow X. A given target is kept as it is.
   */
  private Settings impliedTarget(Map<String, List<Directive>> named) {
    if (settings.versionGiven()) {
      return settings;
    }
    NginxVersion target = settings.version();
    for (String name : named.keySet()) {
      NginxVersion since = null;
      for (dev.nginxlint.directives.DirectiveSpec spec : dev.nginxlint.directives.DirectiveTable.get().lookup(name)) {
        NginxVersion v = NginxVersion.leading(spec.since());
        // the earliest release that has the name at all (in any module or context)
        if (v != null && (since == null || v.before(since))) {
          since = v;
        }
      }
      if (since != null && target.before(since)) {
        target = since;
      }
    }
    return target == settings.version() ? settings : settings.withImpliedVersion(target);
  }

  private static boolean isCategory(String s) {
    for (Category c : Category.values()) {
      if (c.label().equals(s)) {
        return true;
      }
    }
    return false;
  }
}
