package dev.nginxlint.cli;

import dev.nginxlint.fix.SafeWriter;
import dev.nginxlint.fix.UnifiedDiff;
import dev.nginxlint.format.Formatter;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.include.ReadLimit;
import dev.nginxlint.lint.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "format", mixinStandardHelpOptions = true,
    description = "Re-indent nginx configuration files without changing a token (proved on every file).")
final class FormatCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories; - formats stdin to stdout.")
  List<String> paths;

  @Option(names = "--check", description = "Write nothing; exit 1 and list the files that would change.")
  boolean check;

  @Option(names = "--diff", description = "Write nothing; print a unified diff, exit 1 if there is one.")
  boolean diff;

  @Option(names = "--indent", paramLabel = "keep|N|tab",
      description = "Indentation: the file's own unit (keep, the default), N spaces, or a tab. Also format: indent: in .nginx-lint.yml.")
  String indent;

  @Option(names = "--align-values", negatable = true,
      description = "Align the value column of map, geo, types and split_clients bodies (default: off;"
          + " also format: align-values: in .nginx-lint.yml).")
  Boolean alignValues;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: the nearest .nginx-lint.yml at or above the first path).")
  Path config;

  @Option(names = "--no-config", description = "Do not read .nginx-lint.yml.")
  boolean noConfig;

  @Option(names = "--force-exclude",
      description = "Skip files named on the command line that match the config file's exclude: globs "
          + "(directory walks always skip them), e.g. for pre-commit.")
  boolean forceExclude;

  private final Io io;

  FormatCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Path first = paths.get(0).equals("-") ? io.cwd() : io.cwd().resolve(paths.get(0));
    Path configFile = noConfig ? null : config != null ? io.cwd().resolve(config) : ProjectConfig.find(first);
    Settings settings = settings(configFile);
    Formatter.Style style = style(configFile);
    if (paths.size() == 1 && paths.get(0).equals("-")) {
      return stdin(style, settings.maxFileSize());
    }
    Map<Path, String> files = new LinkedHashMap<>();
    ConfigLoader walker = new ConfigLoader(new NioFileSource(io.fs(), io.cwd(), settings.maxFileSize()),
        new PrefixMap()).exclude(settings.excludes());
    boolean skipped = false;
    for (String p : paths) {
      Path path = io.cwd().resolve(p);
      if (!Files.exists(path)) {
        throw new UserError(p + ": No such file or directory");
      }
      if (forceExclude && settings.excludes().matches(path)) {
        skipped = true; // pre-commit passes every changed file; exclude: says which to leave alone
        continue;
      }
      collect(walker, path, p, files);
    }
    if (files.isEmpty()) {
      if (skipped) {
        return ExitCodes.CLEAN;
      }
      throw new UserError("no nginx configuration file found in " + String.join(", ", paths));
    }
    int changed = 0;
    int refused = 0;
    for (Map.Entry<Path, String> e : files.entrySet()) {
      byte[] before;
      try (java.io.InputStream in = Files.newInputStream(e.getKey())) {
        before = ReadLimit.readAll(in, settings.maxFileSize());
      } catch (IOException ex) {
        throw new UserError("cannot read " + e.getValue() + ": " + ex.getMessage());
      }
      Formatter.Result r = Formatter.format(e.getKey(), e.getValue(), before, style);
      if (!r.ok()) {
        io.err().println("nginx-lint: " + r.problem());
        refused++;
        continue;
      }
      if (Arrays.equals(before, r.formatted())) {
        continue;
      }
      changed++;
      if (check) {
        io.out().println(e.getValue());
      } else if (diff) {
        printDiff(e.getValue(), before, r.formatted());
      } else {
        try {
          SafeWriter.write(e.getKey(), before, r.formatted());
        } catch (IOException ex) {
          throw new UserError("cannot write " + e.getValue() + ": " + ex.getMessage());
        }
      }
    }
    io.out().flush();
    io.err().println("nginx-lint: " + files.size() + " file" + (files.size() == 1 ? "" : "s") + ", " + changed
        + (check || diff ? " would change" : " formatted") + (refused > 0 ? ", " + refused + " left as they are" : ""));
    if (refused > 0) {
      return ExitCodes.ERROR;
    }
    return (check || diff) && changed > 0 ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
  }

  private int stdin(Formatter.Style style, long maxFileSize) {
    byte[] before;
    try {
      before = ReadLimit.readAll(io.in(), maxFileSize);
    } catch (IOException e) {
      throw new UserError("cannot read stdin: " + e.getMessage());
    }
    Formatter.Result r = Formatter.format(io.cwd().resolve("stdin"), "-", before, style);
    if (!r.ok()) {
      io.err().println("nginx-lint: " + r.problem());
      return ExitCodes.ERROR;
    }
    boolean same = Arrays.equals(before, r.formatted());
    if (check) {
      return same ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }
    if (diff) {
      if (!same) {
        printDiff("-", before, r.formatted());
      }
      return same ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }
    // the formatted bytes as they are: a Latin-1 comment, a BOM and CRLF come out as they went in
    try {
      io.writeBytes(r.formatted());
    } catch (IOException e) {
      throw new UserError("cannot write to stdout: " + e.getMessage());
    }
    return ExitCodes.CLEAN;
  }

  /** A unified diff, byte for byte (it is built one char per byte). */
  private void printDiff(String name, byte[] before, byte[] after) {
    try {
      io.writeBytes(UnifiedDiff.bytes(UnifiedDiff.diff(name, before, after)));
    } catch (IOException e) {
      throw new UserError("cannot write to stdout: " + e.getMessage());
    }
  }

  /** A file named, or the files a directory walk takes (the same walk as check and fix: exclude: applies). */
  private void collect(ConfigLoader walker, Path path, String shown, Map<Path, String> out) {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        // a FIFO would wait for a writer, a device has no end: neither is a file to format
        throw new UserError(shown + ": not a regular file");
      }
      out.putIfAbsent(real(path), shown);
      return;
    }
    List<Path> found;
    try {
      found = walker.walk(shown);
    } catch (ConfigLoader.InputException e) {
      throw new UserError(e.getMessage());
    }
    for (Path f : found) {
      // a sites-enabled link and its sites-available target are one file, formatted once
      Path rel = io.cwd().relativize(f.toAbsolutePath().normalize());
      out.putIfAbsent(real(f), rel.toString().startsWith("..") ? f.toString() : rel.toString());
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** exclude: and max-file-size: of the config file (the rest of it is check's business, but checked). */
  private Settings settings(Path configFile) {
    Settings s = new Settings();
    if (configFile != null) {
      try {
        ProjectConfig.apply(configFile, s, new PrefixMap());
      } catch (IOException e) {
        throw new UserError(e.getMessage());
      }
    }
    return s;
  }

  private Formatter.Style style(Path configFile) {
    return styleOf(configFile == null ? null : ProjectConfig.formatSettingsOf(configFile), indent, alignValues);
  }

  /** The style of a config file's format: section (null: none) under the command line's choices (null: not given). */
  static Formatter.Style styleOf(ProjectConfig.FormatSection section, String indent, Boolean align) {
    String i = indent != null ? indent : section == null ? null : section.indent();
    Boolean a = align != null ? align : section == null ? null : section.alignValues();
    return styleOf(i).withAlignValues(a != null && a);
  }

  /** The style an --indent / format: indent: value names (null: the file's own unit). */
  static Formatter.Style styleOf(String value) {
    if (value == null || value.equals("keep")) {
      return Formatter.Style.KEEP;
    }
    if (value.equals("tab")) {
      return new Formatter.Style("\t");
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 1 || n > 16) {
        throw new NumberFormatException();
      }
      return new Formatter.Style(" ".repeat(n));
    } catch (NumberFormatException e) {
      throw new UserError("--indent: expected keep, tab or a number of spaces 1-16, got \"" + value + "\"");
    }
  }

}
