package dev.nginxlint.report;

import dev.nginxlint.rules.RuleDocs;

/** Pieces of a rule's markdown doc that reports quote (SARIF descriptions, help). */
final class RuleText {
  private RuleText() {}

  /** The "What it does" section as one paragraph, or the id if there is no doc. */
  static String whatItDoes(String id) {
    String doc = RuleDocs.read(id);
    if (doc == null) {
      return id;
    }
    int at = doc.indexOf("## What it does");
    if (at < 0) {
      return id;
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
    return doc == null ? id : doc;
  }
}
