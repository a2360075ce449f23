package dev.nginxlint.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An environment file as `docker run --env-file` and Compose's `.env` write it: NAME=VALUE a line,
 * `#` comment lines and blank lines skipped, an optional `export ` before the name, and a value
 * in matching single or double quotes taken without them (Compose's reading).
 */
final class EnvFile {

  private EnvFile() {}

  static Map<String, String> read(Path file, long limit) {
    List<String> lines;
    try {
      lines = ProjectConfig.readText(file, limit).lines().toList();
    } catch (IOException e) {
      throw new UserError("--env-file: " + e.getMessage());
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq).strip();
      if (!isName(name)) {
        throw new UserError(file + ":" + (i + 1) + ":1: --env-file: expected NAME=VALUE, got \"" + lines.get(i) + "\"");
      }
      // "NAME" alone passes the caller's variable in Docker; no value is known here
      if (eq < 0) {
        continue;
      }
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(name, value);
    }
    return env;
  }

  /** A shell variable name: a letter or '_', then letters, digits and '_'. */
  static boolean isName(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) && s.charAt(0) < 0x80 || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == '_' || c < 0x80 && Character.isLetterOrDigit(c))) {
        return false;
      }
    }
    return true;
  }
}
