package dev.nginxlint.fix;

import java.util.List;

/**
 * What a finding's fix does: a title, whether it is safe, and its edits (maybe in several files).
 * An edit's {@link Caveat} (e.g. a directive added next to an include whose content is not known
 * here, or an edit of a file whose header says a tool writes it) lowers the fix to the caveat's
 * applicability and adds its reason to the title, so every rule's fix gets the same treatment.
 */
public record Fix(String title, Applicability applicability, List<TextEdit> edits) {

  public Fix {
    edits = List.copyOf(edits);
    if (applicability != Applicability.DISPLAY_ONLY) {
      java.util.Set<String> reasons = null;
      for (TextEdit e : edits) {
        Caveat c = e.caveat() != null ? e.caveat() : GeneratedFile.caveat(e.file());
        if (c == null) {
          continue;
        }
        if (reasons == null) {
          reasons = new java.util.LinkedHashSet<>();
        }
        reasons.add(c.reason());
        if (c.ceiling().ordinal() > applicability.ordinal()) {
          applicability = c.ceiling();
        }
      }
      if (reasons != null) {
        title = title + " (" + applicability.label() + ": " + String.join("; ", reasons) + ")";
      }
    }
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
