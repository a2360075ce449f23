package dev.nginxlint.cli;

import dev.nginxlint.fix.SafeWriter;
import dev.nginxlint.fix.UnifiedDiff;
import dev.nginxlint.format.Formatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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

  @Option(names = "--no-config", description = "Do not read .nginx-lint.yml.")
  boolean noConfig;

  private final Io io;

  FormatCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Formatter.Style style = style();
    if (paths.size() == 1 && paths.get(0).equals("-")) {
      return stdin(style);
    }
    Map<Path, String> files = new LinkedHashMap<>();
    for (String p : paths) {
      Path path = io.cwd().resolve(p);
      if (!Files.exists(path)) {
        throw new UserError(p + ": No such file or directory");
      }
      collect(path, p, files);
    }
    if (files.isEmpty()) {
      throw new UserError("no nginx configuration file found in " + String.join(", ", paths));
    }
    int changed = 0;
    int refused = 0;
    for (Map.Entry<Path, String> e : files.entrySet()) {
      byte[] before;
      try {
        before = Files.readAllBytes(e.getKey());
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
        io.out().print(UnifiedDiff.diff(e.getValue(), before, r.formatted()));
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

  private int stdin(Formatter.Style style) {
    byte[] before;
    try {
      before = io.in().readAllBytes();
    } catch (IOException e) {
      throw new UserError("cannot read stdin: " + e.getMessage());
    }
    Formatter.Result r = Formatter.format(io.cwd().resolve("stdin"), "-", before, style);
    if (!r.ok()) {
      io.err().println("nginx-lint: " + r.problem());
      return ExitCodes.ERROR;
    }
    if (check) {
      return Arrays.equals(before, r.formatted()) ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }
    io.out().print(new String(r.formatted(), StandardCharsets.UTF_8));
    io.out().flush();
    return ExitCodes.CLEAN;
  }

  /** Files named, and in a directory: *.conf, nginx.conf, and the files of sites-*, conf.d, snippets. */
  private void collect(Path path, String shown, Map<Path, String> out) {
    if (!Files.isDirectory(path)) {
      out.putIfAbsent(real(path), shown);
      return;
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(Files::isRegularFile).filter(FormatCommand::looksLikeConfig).sorted().forEach(found::add);
    } catch (IOException e) {
      throw new UserError("cannot read " + shown + ": " + e.getMessage());
    }
    for (Path f : found) {
      // a sites-enabled link and its sites-available target are one file, formatted once
      Path rel = io.cwd().relativize(f.toAbsolutePath().normalize());
      out.putIfAbsent(real(f), rel.toString().startsWith("..") ? f.toString() : rel.toString());
    }
  }

  private static boolean looksLikeConfig(Path f) {
    String name = f.getFileName().toString();
    Path parent = f.getParent();
    String dir = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    return name.endsWith(".conf") || name.endsWith(".conf.template") || name.equals("nginx.conf")
        || !name.startsWith(".") && (dir.startsWith("sites-") || dir.equals("conf.d") || dir.equals("snippets"));
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private Formatter.Style style() {
    String value = indent;
    if (value == null && !noConfig) {
      value = ProjectConfig.formatIndent(io.cwd());
    }
    return styleOf(value);
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
