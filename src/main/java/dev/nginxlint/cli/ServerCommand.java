package dev.nginxlint.cli;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `nginx-lint server`: the language server on stdin/stdout. Only this command loads lsp4j (the
 * server class is named in {@link #call} alone, so building this command's model does not).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the language server (LSP over stdin/stdout) for editors: diagnostics, quick fixes,"
        + " hover, completion and formatting. The options below apply to every file, over its .nginx-lint.yml.")
final class ServerCommand implements Callable<Integer> {

  /**
   * Editors already wait for a pause in typing before they send a change (Neovim 150 ms); this
   * only merges a burst of changes that arrive together, and keeps the round trip short.
   */
  static final long DEFAULT_DEBOUNCE_MS = 10;

  @Mixin
  CommonOptions common;

  @Option(names = "--debounce", paramLabel = "MS", defaultValue = "" + ServerCommand.DEFAULT_DEBOUNCE_MS,
      description = "Quiet time after an edit before the file is linted again (default ${DEFAULT-VALUE} ms).")
  long debounceMillis;

  private final Io io;

  ServerCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (debounceMillis < 0) {
      throw new UserError("--debounce: must be 0 or more, got " + debounceMillis);
    }
    // the protocol owns stdout: nothing else may be printed there
    return dev.nginxlint.lsp.NginxLanguageServer.serve(io.in(), System.out, io.fs(), new CachedSettings(common),
        debounceMillis);
  }

  /**
   * Settings per file as `check` makes them, kept while the nearest .nginx-lint.yml (and the
   * directory it was looked for from) stays the same file with the same modification time and
   * size, so an edit of the config file counts on the next lint.
   */
  static final class CachedSettings implements dev.nginxlint.lsp.SettingsSource {
    private final CommonOptions common;
    private final java.util.Map<Path, Entry> byDir = new java.util.HashMap<>();

    private record Entry(Path config, FileTime modified, long size, Loaded loaded) {}

    CachedSettings(CommonOptions common) {
      this.common = common;
    }

    @Override
    public dev.nginxlint.format.Formatter.Style formatStyle(Path file) {
      if (common.noConfig) {
        return dev.nginxlint.format.Formatter.Style.KEEP;
      }
      return FormatCommand.styleOf(ProjectConfig.formatSettings(file.toAbsolutePath().normalize().getParent()), null, null);
    }

    @Override
    public synchronized Loaded forFile(Path file) {
      Path dir = file.toAbsolutePath().normalize().getParent();
      Path config = common.noConfig ? null : common.config != null ? common.config : ProjectConfig.find(file);
      FileTime modified = null;
      long size = -1;
      if (config != null) {
        try {
          modified = Files.getLastModifiedTime(config);
          size = Files.size(config);
        } catch (IOException e) {
          // gone since it was found: read below, which reports it
        }
      }
      Entry e = byDir.get(dir);
      if (e != null && java.util.Objects.equals(e.config(), config) && java.util.Objects.equals(e.modified(), modified)
          && e.size() == size) {
        return e.loaded();
      }
      PrefixMap prefixes = new PrefixMap();
      Settings settings = common.settings(file, prefixes);
      Loaded loaded = new Loaded(settings, prefixes);
      byDir.put(dir, new Entry(config, modified, size, loaded));
      return loaded;
    }
  }
}
