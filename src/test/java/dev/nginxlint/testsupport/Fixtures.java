package dev.nginxlint.testsupport;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared test helpers: where the checkout is, the fixture header, and running the engine the
 * way the CLI does (loader over a file source, then the linter) without going through picocli.
 */
public final class Fixtures {

  /** Line 1 of a fixture may start with this, followed by space-separated key=value pairs. */
  public static final String HEADER = "# nginx-lint-fixture:";

  private Fixtures() {}

  /** The checkout: system property {@code nginxlint.repo} (set by the pom), else ".". */
  public static Path repo() {
    return Path.of(System.getProperty("nginxlint.repo", ".")).toAbsolutePath().normalize();
  }

  public static Path fixturesDir() {
    return repo().resolve("fixtures");
  }

  public static Path rulesDocDir() {
    return repo().resolve("rules");
  }

  /**
   * Settings from a fixture's first line: {@code nginx-version=X}, {@code nginx-build=B}, {@code rule-id.option=value} and
   * {@code env.NAME=VALUE} (an environment for templates, as --env gives);
   * defaults without a header. Anything else is an error, so a typo cannot silently test the
   * defaults.
   */
  public static Settings settingsFromHeader(String firstLine) {
    Settings s = new Settings();
    if (firstLine == null || !firstLine.startsWith(HEADER)) {
      return s;
    }
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String pair : firstLine.substring(HEADER.length()).trim().split("\\s+")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("fixture header: expected key=value, got \"" + pair + "\"");
      }
      String key = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      int dot = key.indexOf('.');
      if (key.equals("nginx-version")) {
        s.version(NginxVersion.parse(value));
      } else if (key.equals("nginx-build")) {
        s.build(dev.nginxlint.lint.NginxBuild.parse(value));
      } else if (key.startsWith("env.") && key.length() > 4) {
        env.put(key.substring(4), value);
      } else if (dot > 0 && dot < key.length() - 1) {
        s.option(key.substring(0, dot), key.substring(dot + 1), value);
      } else {
        throw new IllegalArgumentException("fixture header: unknown key \"" + key
            + "\" (known: nginx-version, nginx-build, <rule-id>.<option>, env.<NAME>)");
      }
    }
    // the rule options against the rules' declarations, as --rule-option is checked
    String problem = dev.nginxlint.rules.RuleOptions.problem(s);
    if (problem != null) {
      throw new IllegalArgumentException("fixture header: " + problem);
    }
    return s.environment(dev.nginxlint.model.Envsubst.of(env));
  }

  /** The first line of a file (without its line end), or "" for an empty file. */
  public static String firstLine(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      String line = nl < 0 ? text : text.substring(0, nl);
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads {@code entry} (relative to {@code cwd}, which also names the files in findings) from the
   * default file system and lints it with every registered rule.
   */
  public static Linter.Result lintFile(Path cwd, String entry, Settings settings) {
    return lint(FileSystems.getDefault(), cwd, List.of(entry), new Linter(settings, RuleRegistry.rules()));
  }

  /** Loads and lints inputs read from {@code fs} with the given linter. */
  public static Linter.Result lint(FileSystem fs, Path cwd, List<String> inputs, Linter linter) {
    try {
      return linter.run(new ConfigLoader(new NioFileSource(fs, cwd), new PrefixMap())
          .environment(linter.settings().environment()).load(inputs));
    } catch (ConfigLoader.InputException e) {
      throw new AssertionError("cannot load " + inputs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code files} (path → content, relative to /work) into a fresh in-memory unix file
   * system, loads {@code entry} and lints it with {@code rules} only (read rules' findings come
   * from the loader whatever the list holds).
   */
  public static Linter.Result lintText(Settings settings, List<LintRule> rules, Map<String, String> files,
      String entry) {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path cwd = fs.getPath("/work");
      Files.createDirectories(cwd);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = cwd.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
      return lint(fs, cwd, List.of(entry), new Linter(settings, RuleRegistry.rules().running(rules)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code [FILE:]LINE:COL} of a finding; the file part only when {@code withFile}. */
  public static String position(Finding f, boolean withFile) {
    String lc = f.span().line() + ":" + f.span().column();
    return withFile ? f.file().displayName().replace('\\', '/') + ":" + lc : lc;
  }

  /** {@code [FILE:]LINE:COL rule message}, one line per finding, as golden .messages files hold them. */
  public static List<String> describe(List<Finding> findings, boolean withFile) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(position(f, withFile) + " " + f.rule() + " " + f.message());
    }
    return out;
  }

  /** Copies a file or a directory tree (regular files and directories; links are read through). */
  public static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else if (Files.isRegularFile(p)) {
          Files.createDirectories(t.getParent());
          Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Deletes a file or a directory tree. */
  public static void deleteTree(Path root) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
