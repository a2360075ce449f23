package dev.nginxlint.lsp;

import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Settings;
import java.nio.file.Path;

/**
 * The settings a file is checked with: the nearest .nginx-lint.yml above it overlaid with the
 * server's command-line options, as `check` would use. Implementations reread the config file
 * when it changed, so an edit of it counts on the next lint.
 */
public interface SettingsSource {

  /** Settings for a file, with the prefix map they name; a config problem is thrown as a message. */
  Loaded forFile(Path file);

  /** How `format` would indent this file (format: indent: in its .nginx-lint.yml), else the file's own unit. */
  default dev.nginxlint.format.Formatter.Style formatStyle(Path file) {
    return dev.nginxlint.format.Formatter.Style.KEEP;
  }

  /** Settings and the --prefix/prefix: map that goes with them. */
  record Loaded(Settings settings, PrefixMap prefixes) {}
}
