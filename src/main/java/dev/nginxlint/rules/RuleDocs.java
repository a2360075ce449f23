package dev.nginxlint.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The rules/&lt;id&gt;.md files, shipped in the jar. */
public final class RuleDocs {
  private RuleDocs() {}

  /** The markdown of a rule's doc, or null when there is none. */
  public static String read(String id) {
    if (!id.matches("[a-z0-9-]+")) {
      return null;
    }
    try (InputStream in = RuleDocs.class.getResourceAsStream("/dev/nginxlint/rules/docs/" + id + ".md")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
