package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.lint.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that read configurations. */
public final class CommonOptions {

  @Option(names = "--select", split = ",", paramLabel = "RULE|CATEGORY",
      description = "Only these rules or categories (comma-separated).")
  List<String> select = new ArrayList<>();

  @Option(names = "--ignore", split = ",", paramLabel = "RULE|CATEGORY",
      description = "Skip these rules or categories.")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--severity", paramLabel = "LEVEL",
      description = "Report only findings at or above: error, warning, info.")
  String severity;

  @Option(names = "--nginx-version", paramLabel = "X.Y.Z|auto",
      description = "Target nginx version (default 1.24.0; auto asks `nginx -v`).")
  String nginxVersion;

  @Option(names = "--nginx-build", paramLabel = "package|minimal|auto|SWITCHES",
      description = "Optional modules of the target: a distribution package build (default), a bare"
          + " ./configure (minimal), `nginx -V` here (auto), or configure switches, comma-separated.")
  String nginxBuild;

  @Option(names = "--fail-on", paramLabel = "error|warning|info|never",
      description = "Exit 1 only for findings at or above this level (default info: any finding); never: exit 0.")
  String failOn;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Hide the findings recorded in FILE (see check --write-baseline); report only new ones.")
  java.nio.file.Path baseline;

  @Option(names = "--docs-url", paramLabel = "BASE",
      description = "Where the rule pages are published: reports link BASE/<rule>.md (default: no links;"
          + " `nginx-lint rule ID` prints a page).")
  String docsUrl;

  @Option(names = "--prefix", paramLabel = "FROM=TO",
      description = "Read absolute paths under FROM from TO, e.g. --prefix /etc/nginx=.")
  List<String> prefixes = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: nearest .nginx-lint.yml).")
  Path config;

  @Option(names = "--no-config", description = "Do not read any .nginx-lint.yml.")
  boolean noConfig;

  @Option(names = "--rule-option", paramLabel = "RULE.KEY=VALUE",
      description = "Set a rule option, e.g. worker-connections-low.min-connections=2048.")
  List<String> ruleOptions = new ArrayList<>();

  @Option(names = "--env", paramLabel = "NAME=VALUE",
      description = "An environment variable for *.template files (envsubst's values), repeatable.")
  List<String> env = new ArrayList<>();

  @Option(names = "--env-file", paramLabel = "FILE",
      description = "Environment variables for *.template files, one NAME=VALUE a line (Docker's env-file).")
  List<Path> envFiles = new ArrayList<>();

  @Option(names = "--max-file-size", paramLabel = "SIZE",
      description = "Refuse to read a file (or stdin) larger than this: bytes, or 512k, 64m, 1g (default 64m;"
          + " NGINX_LINT_MAX_FILE_SIZE; max-file-size: in .nginx-lint.yml).")
  String maxFileSize;

  @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors.")
  boolean verbose;

  private static long size(String where, String value) {
    try {
      return dev.nginxlint.include.ReadLimit.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": " + e.getMessage());
    }
  }

  /** Settings from the config file (found from {@code start}) overlaid with these options. */
  Settings settings(Path start, PrefixMap prefixMap) {
    Settings s = new Settings();
    String version = null;
    // the environment's limit holds while the config file (and its env-file) are read; the
    // file's max-file-size: then applies, and --max-file-size above both
    String envLimit = System.getenv("NGINX_LINT_MAX_FILE_SIZE");
    if (envLimit != null && !envLimit.isBlank()) {
      s.maxFileSize(size("NGINX_LINT_MAX_FILE_SIZE", envLimit));
    }
    if (maxFileSize != null) {
      s.maxFileSize(size("--max-file-size", maxFileSize));
    }
    Path file = noConfig ? null : config != null ? config : start == null ? null : ProjectConfig.find(start);
    if (file != null) {
      try {
        version = ProjectConfig.apply(file, s, prefixMap);
      } catch (IOException e) {
        throw new UserError(e.getMessage());
      }
    }
    if (maxFileSize != null) {
      s.maxFileSize(size("--max-file-size", maxFileSize));
    }
    s.select().addAll(select);
    s.ignore().addAll(ignore);
    if (severity != null) {
      try {
        s.threshold(Severity.parse(severity));
      } catch (IllegalArgumentException e) {
        throw new UserError("--severity: " + e.getMessage());
      }
    }
    if (nginxVersion != null) {
      version = nginxVersion;
    }
    if (version != null) {
      try {
        s.version(ProjectConfig.version(version));
      } catch (IOException | IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    if (failOn != null) {
      try {
        s.failOn(ProjectConfig.failOn(failOn));
      } catch (IllegalArgumentException e) {
        throw new UserError("--fail-on: " + e.getMessage());
      }
    }
    if (docsUrl != null) {
      s.docsUrl(docsUrl);
    }
    if (baseline != null) {
      s.baseline(baseline);
    }
    if (nginxBuild != null) {
      try {
        s.build(ProjectConfig.build(nginxBuild));
      } catch (IOException e) {
        throw new UserError(e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UserError("--nginx-build: " + e.getMessage());
      }
    }
    for (String p : prefixes) {
      try {
        prefixMap.add(PrefixMap.parse(p));
      } catch (IllegalArgumentException e) {
        throw new UserError("--prefix: " + e.getMessage());
      }
    }
    // the config file's env/env-file first, then --env-file, then --env
    java.util.Map<String, String> environment = new java.util.LinkedHashMap<>(s.environment().env());
    for (Path f : envFiles) {
      environment.putAll(EnvFile.read(f, s.maxFileSize()));
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq <= 0 || !EnvFile.isName(e.substring(0, eq))) {
        throw new UserError("--env: expected NAME=VALUE, got \"" + e + "\"");
      }
      environment.put(e.substring(0, eq), e.substring(eq + 1));
    }
    s.environment(dev.nginxlint.model.Envsubst.of(environment));
    for (String o : ruleOptions) {
      int dot = o.indexOf('.');
      int eq = o.indexOf('=');
      if (dot <= 0 || eq < dot) {
        throw new UserError("--rule-option: expected RULE.KEY=VALUE, got \"" + o + "\"");
      }
      s.option(o.substring(0, dot), o.substring(dot + 1, eq), o.substring(eq + 1));
    }
    // a misspelled rule, option or value must not run with the defaults in silence
    String problem = dev.nginxlint.rules.RuleOptions.problem(s);
    if (problem != null) {
      throw new UserError(problem);
    }
    return s;
  }
}
