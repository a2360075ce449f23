package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.rules.RuleOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * `.nginx-lint.yml`, found from the checked path upward:
 * <pre>
 * nginx-version: 1.24.0        # or "auto" (asks nginx -v)
 * select: [reliability]
 * ignore: [proxy-timeouts-default]
 * severity: {upstream-keepalive: error}
 * rules:
 *   worker-connections-low: {min-connections: 2048}
 * prefix: {/etc/nginx: .}      # relative targets are relative to this file
 * exclude: [vendor, "snippets/*.conf"]   # globs relative to this file's directory: skipped
 *                              # by directory walks, and for named files with --force-exclude
 * env: {BACKEND_HOST: app}     # the environment *.template files are rendered with
 * env-file: deploy/app.env     # relative to this file; --env-file and --env come on top
 * max-file-size: 64m           # the largest file read (--max-file-size wins)
 * format: {indent: 4, align-values: true}   # nginx-lint format's layout
 * </pre>
 */
public final class ProjectConfig {
  public static final String NAME = ".nginx-lint.yml";

  private ProjectConfig() {}

  /** The nearest config file at or above {@code start}, or null. */
  public static Path find(Path start) {
    Path p = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      p = p.getParent();
    }
    for (; p != null; p = p.getParent()) {
      Path c = p.resolve(NAME);
      if (Files.isRegularFile(c)) {
        return c;
      }
    }
    return null;
  }

  /** The `format:` section: `indent: keep | tab | N` and `align-values: true | false` (null: not set). */
  public record FormatSection(String indent, Boolean alignValues) {
    static final FormatSection NONE = new FormatSection(null, null);
  }

  /** `format:` holds the formatter's settings (checked here, read by format and the language server). */
  private static FormatSection formatSection(Path file, Object v) throws IOException {
    if (v == null) {
      return FormatSection.NONE;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new IOException(file + ": format: expected a mapping (indent: keep, tab or a number of spaces;"
          + " align-values: true or false)");
    }
    String indent = null;
    Boolean align = null;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      switch (key) {
        case "indent" -> indent = String.valueOf(e.getValue());
        case "align-values" -> {
          if (!(e.getValue() instanceof Boolean b)) {
            throw new IOException(file + ": format: align-values: expected true or false, got \"" + e.getValue() + "\"");
          }
          align = b;
        }
        default -> throw new IOException(file + ": format: unknown key \"" + key + "\"" 
            + dev.nginxlint.lint.DidYouMean.of(key, List.of("indent", "align-values"))
            + " (known: indent, align-values)");
      }
    }
    return new FormatSection(indent, align);
  }

  /** The `format:` section of the config file found from {@code dir} upward (NONE: no file or no section). */
  public static FormatSection formatSettings(Path dir) {
    Path file = find(dir);
    return file == null ? FormatSection.NONE : formatSettingsOf(file);
  }

  /** The `format:` section of this config file. */
  public static FormatSection formatSettingsOf(Path file) {
    try {
      Object doc = new Load(LoadSettings.builder().setLabel(file.toString()).build())
          .loadFromString(readText(file, dev.nginxlint.include.ReadLimit.DEFAULT));
      return doc instanceof Map<?, ?> root ? formatSection(file, root.get("format")) : FormatSection.NONE;
    } catch (IOException | RuntimeException e) {
      throw new UserError(file + ": " + e.getMessage());
    }
  }

  private static final List<String> KEYS = List.of("nginx-version", "nginx-build", "fail-on", "docs-url", "baseline", "select",
      "ignore", "severity", "rules", "prefix", "exclude", "env", "env-file", "max-file-size", "format");

  /**
   * A text file the user points at (this file, an env-file), as UTF-8: bounded (a device or an
   * endless pipe is refused at the limit), and bytes that are not UTF-8 named by line.
   */
  static String readText(Path file, long limit) throws IOException {
    byte[] bytes;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      bytes = dev.nginxlint.include.ReadLimit.readAll(in, limit);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(file + ": No such file or directory");
    } catch (dev.nginxlint.include.ReadLimit.TooLargeException e) {
      throw new IOException(file + ": not read: " + e.getMessage());
    } catch (IOException e) {
      throw new IOException(file + ": cannot read: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    try {
      return utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      int line = 1;
      int at = firstInvalidUtf8(bytes);
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new IOException(file + ":" + line + ": not UTF-8 text (byte 0x"
          + Integer.toHexString(bytes[at] & 0xff) + ")");
    }
  }

  private static int firstInvalidUtf8(byte[] b) {
    java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
    java.nio.charset.CoderResult r = d.decode(in, out, true);
    return r.isError() ? in.position() : 0;
  }

  /** Applies the file to the settings; the version value is returned raw ("auto" is resolved later). */
  public static String apply(Path file, Settings settings, PrefixMap prefixes) throws IOException {
    String text = readText(file, settings.maxFileSize());
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    if (doc == null) {
      return null;
    }
    if (!(doc instanceof Map<?, ?> root)) {
      throw new IOException(file + ": expected a mapping at the top");
    }
    String version = null;
    for (Map.Entry<?, ?> e : root.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      switch (key) {
        case "nginx-version" -> version = String.valueOf(v);
        case "fail-on" -> {
          try {
            settings.failOn(failOn(String.valueOf(v)));
          } catch (IllegalArgumentException ex) {
            throw new IOException(file + ": fail-on: " + ex.getMessage());
          }
        }
        case "docs-url" -> settings.docsUrl(String.valueOf(v));
        // relative to the config file, which usually sits beside it at the repository's root
        case "baseline" -> settings.baseline(file.toAbsolutePath().getParent().resolve(String.valueOf(v)).normalize());
        case "nginx-build" -> {
          try {
            settings.build(v instanceof java.util.List<?>
                ? dev.nginxlint.lint.NginxBuild.ofList("list", strings(file, key, v)) : build(String.valueOf(v)));
          } catch (IOException | IllegalArgumentException ex) {
            throw new IOException(file + ": nginx-build: " + ex.getMessage());
          }
        }
        case "select" -> settings.select().addAll(selectors(file, key, v));
        case "ignore" -> settings.ignore().addAll(selectors(file, key, v));
        case "severity" -> {
          for (Map.Entry<?, ?> s : map(file, key, v).entrySet()) {
            String rule = String.valueOf(s.getKey());
            blame(file, "severity", RuleOptions.ruleProblem(rule));
            settings.severities().put(rule, severity(file, String.valueOf(s.getValue())));
          }
        }
        case "rules" -> {
          for (Map.Entry<?, ?> r : map(file, key, v).entrySet()) {
            String rule = String.valueOf(r.getKey());
            blame(file, "rules", RuleOptions.ruleProblem(rule));
            for (Map.Entry<?, ?> o : map(file, "rules." + rule, r.getValue()).entrySet()) {
              String opt = String.valueOf(o.getKey());
              if (opt.equals("severity")) {
                settings.severities().put(rule, severity(file, String.valueOf(o.getValue())));
              } else {
                blame(file, "rules", RuleOptions.optionProblem(rule, opt, String.valueOf(o.getValue())));
                settings.option(rule, opt, String.valueOf(o.getValue()));
              }
            }
          }
        }
        case "prefix" -> {
          for (Map.Entry<?, ?> m : map(file, key, v).entrySet()) {
            String to = String.valueOf(m.getValue());
            Path target = file.getParent().resolve(to).normalize();
            try {
              prefixes.add(PrefixMap.parse(m.getKey() + "=" + target));
            } catch (IllegalArgumentException ex) {
              throw new IOException(file + ": prefix: " + ex.getMessage());
            }
          }
        }
        case "exclude" -> settings.excludes(new dev.nginxlint.include.Excludes(
            file.toAbsolutePath().getParent(), strings(file, key, v)));
        case "env", "env-file" -> {
          Map<String, String> env = new java.util.LinkedHashMap<>(settings.environment().env());
          if (key.equals("env")) {
            for (Map.Entry<?, ?> m : map(file, key, v).entrySet()) {
              String name = String.valueOf(m.getKey());
              if (!EnvFile.isName(name)) {
                throw new IOException(file + ": env: \"" + name + "\" is not a variable name");
              }
              env.put(name, m.getValue() == null ? "" : String.valueOf(m.getValue()));
            }
          } else {
            env.putAll(EnvFile.read(file.getParent().resolve(String.valueOf(v)).normalize(), settings.maxFileSize()));
          }
          settings.environment(dev.nginxlint.model.Envsubst.of(env));
        }
        case "max-file-size" -> {
          try {
            settings.maxFileSize(dev.nginxlint.include.ReadLimit.parse(String.valueOf(v)));
          } catch (IllegalArgumentException ex) {
            throw new IOException(file + ": max-file-size: " + ex.getMessage());
          }
        }
        case "format" -> formatSection(file, v);
        default -> throw new IOException(file + ": unknown key \"" + key + "\""
            + dev.nginxlint.lint.DidYouMean.of(key, KEYS) + " (known: " + String.join(", ", KEYS) + ")");
      }
    }
    return version;
  }

  private static Severity severity(Path file, String s) throws IOException {
    try {
      return Severity.parse(s);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  /** A select/ignore list whose every entry names a rule or category. */
  private static List<String> selectors(Path file, String key, Object v) throws IOException {
    List<String> list = strings(file, key, v);
    for (String sel : list) {
      blame(file, key, RuleOptions.selectorProblem(sel));
    }
    return list;
  }

  // the message names the file and key, so a typo in a shared config is found without guessing
  private static void blame(Path file, String key, String problem) throws IOException {
    if (problem != null) {
      throw new IOException(file + ": " + key + ": " + problem);
    }
  }

  private static List<String> strings(Path file, String key, Object v) throws IOException {
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    if (v instanceof String s) {
      return List.of(s.split("\\s*,\\s*"));
    }
    throw new IOException(file + ": \"" + key + "\" must be a list");
  }

  private static Map<?, ?> map(Path file, String key, Object v) throws IOException {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    throw new IOException(file + ": \"" + key + "\" must be a mapping");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Resolves a version setting: "auto" asks the nginx on PATH. */
  /**
   * The target build: package (default), minimal, a switch list, or auto (the configure
   * arguments of `nginx -V` on this machine).
   */
  public static dev.nginxlint.lint.NginxBuild build(String spec) throws IOException {
    if (!spec.equals("auto")) {
      return dev.nginxlint.lint.NginxBuild.parse(spec);
    }
    String out = nginxSays("-V", "--nginx-build");
    try {
      return dev.nginxlint.lint.NginxBuild.fromNginxV(out);
    } catch (IllegalArgumentException e) {
      throw new IOException("--nginx-build auto: " + e.getMessage());
    }
  }

  /** What `nginx FLAG` prints (both streams), for an option's "auto". */
  private static String nginxSays(String flag, String option) throws IOException {
    try {
      Process p = new ProcessBuilder("nginx", flag).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      throw new IOException(option + " auto: cannot run `nginx " + flag + "` (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  /** error, warning, info, or never (null: no finding fails the run). */
  public static Severity failOn(String s) {
    if (s.trim().equalsIgnoreCase("never")) {
      return null;
    }
    try {
      return Severity.parse(s.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected error, warning, info or never, got \"" + s + "\"");
    }
  }

  public static NginxVersion version(String spec) throws IOException {
    if (!spec.equals("auto")) {
      return NginxVersion.parse(spec);
    }
    String out = nginxSays("-v", "--nginx-version");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("nginx/(\\d+\\.\\d+\\.\\d+)").matcher(out);
    if (m.find()) {
      return NginxVersion.parse(m.group(1));
    }
    throw new IOException("--nginx-version auto: cannot read the version from `nginx -v`: " + out.trim());
  }
}
