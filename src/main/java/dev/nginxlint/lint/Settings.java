package dev.nginxlint.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run is asked to do: target nginx version, rule selection, severity overrides and rule
 * options. Filled from the config file, then the command line (which wins).
 */
public final class Settings {
  private NginxVersion version = NginxVersion.DEFAULT;
  private List<String> select = new ArrayList<>();
  private List<String> ignore = new ArrayList<>();
  private Map<String, Severity> severities = new LinkedHashMap<>();
  /** rule id → option name → raw value. */
  private Map<String, Map<String, String>> options = new LinkedHashMap<>();
  private Severity threshold = Severity.INFO;
  /** The config file's {@code exclude:} globs (directory walks skip them; see --force-exclude). */
  private dev.nginxlint.include.Excludes excludes = dev.nginxlint.include.Excludes.NONE;

  /** The target's optional modules (--nginx-build; a distribution package build by default). */
  private NginxBuild build = NginxBuild.PACKAGE_BUILD;
  public NginxBuild build() { return build; }
  /** Findings at or above this level make the exit code 1; null: none do (--fail-on never). */
  private Severity failOn = Severity.INFO;
  public Severity failOn() { return failOn; }
  public Settings failOn(Severity s) { this.failOn = s; return this; }
  /** The baseline file whose findings are hidden (--baseline, baseline:), or null. */
  private java.nio.file.Path baseline;
  public java.nio.file.Path baseline() { return baseline; }
  public Settings baseline(java.nio.file.Path p) { this.baseline = p; return this; }

  /** Where the rule pages are published (--docs-url), or null: reports then name `nginx-lint rule ID`. */
  private String docsUrl;
  public String docsUrl() { return docsUrl; }
  public Settings docsUrl(String u) { this.docsUrl = u; return this; }
  public Settings build(NginxBuild b) { this.build = b; return this; }
  public NginxVersion version() { return version; }
  public Settings version(NginxVersion v) { this.version = v; this.versionGiven = true; return this; }
  /** Whether the target version was given (CLI, config file, auto), not the default. */
  private boolean versionGiven;
  public boolean versionGiven() { return versionGiven; }

  /**
   * These settings with another target version (one a tree's directives imply): the lists and
   * maps are shared, not copied, since a run never changes them once linting starts.
   */
  public Settings withImpliedVersion(NginxVersion v) {
    Settings s = new Settings(this);
    s.version = v;
    return s;
  }

  /** The most bytes read from one file or stream (--max-file-size, max-file-size:). */
  private long maxFileSize = dev.nginxlint.include.ReadLimit.DEFAULT;
  public long maxFileSize() { return maxFileSize; }
  public Settings maxFileSize(long bytes) { this.maxFileSize = bytes; return this; }

  public Settings() {
  }

  private Settings(Settings o) {
    this.select = o.select;
    this.ignore = o.ignore;
    this.severities = o.severities;
    this.options = o.options;
    this.threshold = o.threshold;
    this.excludes = o.excludes;
    this.build = o.build;
    this.failOn = o.failOn;
    this.docsUrl = o.docsUrl;
    this.baseline = o.baseline;
    this.environment = o.environment;
    this.versionGiven = o.versionGiven;
    this.maxFileSize = o.maxFileSize;
  }
  public List<String> select() { return select; }
  public List<String> ignore() { return ignore; }
  public Map<String, Severity> severities() { return severities; }
  public Severity threshold() { return threshold; }
  public Settings threshold(Severity s) { this.threshold = s; return this; }
  public dev.nginxlint.include.Excludes excludes() { return excludes; }
  /** The environment templates are rendered with (--env, --env-file). */
  public dev.nginxlint.model.Envsubst environment() { return environment; }
  public Settings environment(dev.nginxlint.model.Envsubst e) { this.environment = e; return this; }
  private dev.nginxlint.model.Envsubst environment = dev.nginxlint.model.Envsubst.NONE;
  public Settings excludes(dev.nginxlint.include.Excludes e) { this.excludes = e; return this; }

  public Settings option(String rule, String key, String value) {
    options.computeIfAbsent(rule, k -> new LinkedHashMap<>()).put(key, value);
    return this;
  }

  public String option(String rule, String key) {
    Map<String, String> m = options.get(rule);
    return m == null ? null : m.get(key);
  }

  public Map<String, Map<String, String>> options() { return options; }

  /**
   * Whether a rule runs: selected (by id or category; nothing selected means all) and not
   * ignored. The more specific entry wins: `--select upstream-keepalive --ignore reliability`
   * keeps that one rule.
   */
  public boolean enabled(String ruleId, Category category) {
    int sel = specificity(select, ruleId, category);
    int ign = specificity(ignore, ruleId, category);
    if (select.isEmpty()) {
      sel = 1;
    }
    if (sel == 0) {
      return false;
    }
    return ign == 0 || sel > ign;
  }

  /** 3 = listed by id, 2 = by category, 1 = "all", 0 = not listed. */
  private static int specificity(List<String> list, String ruleId, Category category) {
    int best = 0;
    for (String s : list) {
      if (s.equals(ruleId)) {
        best = Math.max(best, 3);
      } else if (s.equalsIgnoreCase(category.label())) {
        best = Math.max(best, 2);
      } else if (s.equalsIgnoreCase("all")) {
        best = Math.max(best, 1);
      }
    }
    return best;
  }

  public Severity severityOf(String ruleId, Severity fallback) {
    return severities.getOrDefault(ruleId, fallback);
  }
}
