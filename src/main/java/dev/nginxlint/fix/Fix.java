package dev.nginxlint.fix;

import java.util.List;

/** What a finding's fix does: a title, whether it is safe, and its edits (maybe in several files). */
public record Fix(String title, Applicability applicability, List<TextEdit> edits) {

  public Fix {
    edits = List.copyOf(edits);
  }

  public static Fix safe(String title, List<TextEdit> edits) {
    return new Fix(title, Applicability.SAFE, edits);
  }

  public static Fix unsafe(String title, List<TextEdit> edits) {
    return new Fix(title, Applicability.UNSAFE, edits);
  }

  public static Fix displayOnly(String title, List<TextEdit> edits) {
    return new Fix(title, Applicability.DISPLAY_ONLY, edits);
  }
}
