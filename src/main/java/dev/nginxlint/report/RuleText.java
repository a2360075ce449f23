package dev.nginxlint.report;

import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.rules.RuleDocs;

/** Pieces of a rule's markdown doc that reports quote (SARIF descriptions, help). */
final class RuleText {
  private RuleText() {}

  /** What the rules that nginx-lint reports while reading files (they have no doc page) check. */
  private static final java.util.Map<String, String> BUILT_IN = java.util.Map.of(
      Diagnostic.SYNTAX_ERROR, "nginx cannot parse the file: it would refuse to load the configuration.",
      Diagnostic.INCLUDE_NOT_FOUND, "An include names a file that does not exist: nginx would refuse to load the configuration.",
      Diagnostic.INCLUDE_CYCLE, "Files include each other in a cycle: nginx would refuse to load the configuration.");

  static boolean hasDoc(String id) {
    return RuleDocs.read(id) != null;
  }

  /** The "What it does" section as one paragraph, or a built-in line (or the id) if there is no doc. */
  static String whatItDoes(String id) {
    String doc = RuleDocs.read(id);
    if (doc == null) {
      return BUILT_IN.getOrDefault(id, id);
    }
    int at = doc.indexOf("## What it does");
    if (at < 0) {
      return BUILT_IN.getOrDefault(id, id);
    }
    int start = doc.indexOf('\n', at) + 1;
    int end = doc.indexOf("\n## ", start);
    String body = (end < 0 ? doc.substring(start) : doc.substring(start, end)).trim();
    return body.replaceAll("\\s*\\n\\s*", " ");
  }

  /** The first sentence of {@link #whatItDoes}, at most 1024 characters. */
  static String shortDescription(String id) {
    String all = whatItDoes(id);
    int dot = all.indexOf(". ");
    String s = dot > 0 ? all.substring(0, dot + 1) : all;
    return s.length() > 1024 ? s.substring(0, 1021) + "..." : s;
  }

  static String fullDescription(String id) {
    String s = whatItDoes(id);
    return s.length() > 1024 ? s.substring(0, 1021) + "..." : s;
  }

  static String markdown(String id) {
    String doc = RuleDocs.read(id);
    return doc == null ? whatItDoes(id) : doc;
  }
}
