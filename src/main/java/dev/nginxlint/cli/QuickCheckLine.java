package dev.nginxlint.cli;

import java.util.List;

/**
 * The fast twin of picocli's parse of a `check` line (picocli and the options declared on
 * {@link CheckCommand} stay the readable spec): the usual line is read by hand, because building
 * picocli's command model is most of the start-up time of a small check. QuickCheckLineTest,
 * beside it in the tests, holds it to picocli's meaning for every line it takes.
 */
final class QuickCheckLine {
  private QuickCheckLine() {}

  /**
   * The usual `check` command line, parsed without picocli (building its command model is most
   * of the start-up time of a small check): paths and the plain forms of common options, each
   * at most once (--select/--ignore may repeat). Anything else (help, version, fixes, output
   * files, `--`, @-files, unknown or repeated options, values that look like options, quotes or
   * empty items in lists) gives null, and picocli parses the line as always, errors included.
   */
  static CheckCommand parse(Io io, String[] args) {
    if (args.length < 2 || !args[0].equals("check")) {
      return null;
    }
    for (String a : args) {
      if (a.startsWith("@") || a.equals("--")) {
        return null;
      }
    }
    CheckCommand c = new CheckCommand(io);
    CheckOptions o = c.options = new CheckOptions();
    o.common = new CommonOptions();
    o.paths = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-") || !a.startsWith("-")) {
        o.paths.add(a);
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (name.equals("-v")) {
        name = "--verbose";
      }
      boolean list = name.equals("--select") || name.equals("--ignore");
      if (!list && !seen.add(name)) {
        return null;
      }
      switch (name) {
        case "--exit-zero", "--statistics", "--force-exclude", "--no-config", "--verbose" -> {
          if (value != null) {
            return null;
          }
          switch (name) {
            case "--exit-zero" -> o.exitZero = true;
            case "--statistics" -> o.statistics = true;
            case "--force-exclude" -> o.forceExclude = true;
            case "--no-config" -> o.common.noConfig = true;
            default -> o.common.verbose = true;
          }
        }
        case "--output-format", "--select", "--ignore", "--severity", "--nginx-version" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              return null;
            }
            value = args[++i];
          }
          if (value.isEmpty() || value.startsWith("-") || value.indexOf('"') >= 0 || value.indexOf('\'') >= 0) {
            return null;
          }
          switch (name) {
            case "--output-format" -> o.format = value;
            case "--severity" -> o.common.severity = value;
            case "--nginx-version" -> o.common.nginxVersion = value;
            default -> {
              if (value.startsWith(",") || value.endsWith(",") || value.contains(",,")) {
                return null;
              }
              (name.equals("--select") ? o.common.select : o.common.ignore).addAll(List.of(value.split(",")));
            }
          }
        }
        default -> {
          return null;
        }
      }
    }
    return o.paths.isEmpty() ? null : c;
  }
}
