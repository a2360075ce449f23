package dev.nginxlint.lsp;

import dev.nginxlint.fix.Applicability;
import dev.nginxlint.fixloop.FixApplier;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.DumpFileSource;
import dev.nginxlint.include.FileSource;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.OverlayFileSource;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lints one open file the way `check FILE` does: a file that some nearest nginx.conf includes is
 * checked inside that tree (so http{} around it counts) and only its own findings are kept; the
 * open editors' unsaved texts stand in for the files on disk.
 */
final class Analyzer {

  /** The outcome for one file at one version of its text. */
  record Analysis(Path path, SourceFile file, List<Finding> findings, ConfigSet set, Settings settings,
      String problem) {}

  private final FileSystem fs;
  private final SettingsSource settingsSource;
  /** One linter per settings object: the settings source hands out the same one until its config file changes. */
  private Settings lastSettings;
  private Linter lastLinter;

  Analyzer(FileSystem fs, SettingsSource settingsSource) {
    this.fs = fs;
    this.settingsSource = settingsSource;
  }

  /**
   * Lints {@code path} (null for an editor buffer with no file behind it, named {@code name})
   * with {@code text} as its content and {@code open} (absolute path to text) for the other
   * open buffers.
   */
  Analysis analyze(Path path, String name, String text, Map<Path, String> open) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    SettingsSource.Loaded loaded;
    try {
      loaded = settingsSource.forFile(path != null ? path : fs.getPath("").toAbsolutePath().resolve(name));
    } catch (RuntimeException e) {
      // a broken .nginx-lint.yml: shown on the file, as `check` would refuse to run
      return new Analysis(path, dev.nginxlint.parse.ConfigParser.parse(path, name, bytes), List.of(), null, null,
          ".nginx-lint.yml: " + e.getMessage());
    }
    Settings settings = loaded.settings();
    Linter linter = linterFor(settings);
    FileSource source;
    ConfigSet set;
    try {
      NioFileSource disk = new NioFileSource(fs, path != null ? path.getParent() : fs.getPath("").toAbsolutePath(),
          settings.maxFileSize());
      if (path != null && disk.isRegularFile(path)) {
        source = overlay(disk, open, path, bytes);
        set = loader(source, loaded).load(List.of(path.toString()));
      } else {
        // not on disk yet (a new buffer): checked on its own, as stdin is
        DumpFileSource single = DumpFileSource.single(path != null ? path.toString() : name, bytes);
        source = single;
        set = loader(source, loaded).loadFirst(single.names());
      }
    } catch (ConfigLoader.InputException e) {
      return new Analysis(path, dev.nginxlint.parse.ConfigParser.parse(path, name, bytes), List.of(), null, settings,
          e.getMessage());
    }
    Linter.Result result = linter.run(set);
    SourceFile self = null;
    Path id = path != null ? source.identity(path) : null;
    for (SourceFile f : set.files()) {
      if (id == null ? self == null : id.equals(source.identity(f.path()))) {
        self = f;
      }
    }
    if (self == null) {
      self = dev.nginxlint.parse.ConfigParser.parse(path, name, bytes);
    }
    List<Finding> mine = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (f.file() == self) {
        mine.add(f);
      }
    }
    return new Analysis(path, self, mine, set, settings, null);
  }

  /**
   * The safe fixes of a file applied as `check --fix` applies them (rounds until nothing
   * changes): the new text of each file that changes, by path. Empty when nothing applies.
   */
  Map<Path, FixApplier.Change> fixAll(Path path, String text, Map<Path, String> open) {
    SettingsSource.Loaded loaded = settingsSource.forFile(path);
    Settings settings = loaded.settings();
    NioFileSource disk = new NioFileSource(fs, path.getParent(), settings.maxFileSize());
    if (!disk.isRegularFile(path)) {
      return Map.of();
    }
    FileSource source = overlay(disk, open, path, text.getBytes(StandardCharsets.UTF_8));
    FixApplier applier = new FixApplier(source, src -> loader(src, loaded), linterFor(settings),
        EnumSet.of(Applicability.SAFE));
    FixApplier.Result result = applier.run(loader -> {
      try {
        return loader.load(List.of(path.toString()));
      } catch (ConfigLoader.InputException e) {
        throw new IllegalStateException(e.getMessage());
      }
    });
    Map<Path, FixApplier.Change> out = new HashMap<>();
    for (FixApplier.Change c : result.changes().values()) {
      out.put(c.path(), c);
    }
    return out;
  }

  private Linter linterFor(Settings settings) {
    if (settings != lastSettings) {
      lastSettings = settings;
      lastLinter = new Linter(settings, RuleRegistry.rules());
    }
    return lastLinter;
  }

  private static ConfigLoader loader(FileSource source, SettingsSource.Loaded loaded) {
    return new ConfigLoader(source, loaded.prefixes()).environment(loaded.settings().environment());
  }

  private static FileSource overlay(NioFileSource disk, Map<Path, String> open, Path path, byte[] bytes) {
    Map<Path, byte[]> texts = new HashMap<>();
    for (Map.Entry<Path, String> e : open.entrySet()) {
      texts.put(disk.identity(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    texts.put(disk.identity(path), bytes);
    return new OverlayFileSource(disk, texts);
  }
}
