package dev.nginxlint.fix;

import dev.nginxlint.model.SourceFile;

/**
 * Replace the bytes [start, end) of a file with {@code replacement} (UTF-8). An insertion has
 * start == end. Offsets are those of the file as it was parsed. A {@code caveat} (null for most
 * edits) caps the applicability of the fix that holds the edit.
 */
public record TextEdit(SourceFile file, int start, int end, String replacement, Caveat caveat) {

  public TextEdit(SourceFile file, int start, int end, String replacement) {
    this(file, start, end, replacement, null);
  }

  public TextEdit {
    if (start < 0 || end < start || end > file.size()) {
      throw new IllegalArgumentException("edit " + start + ".." + end + " outside " + file.displayName());
    }
  }

  public boolean overlaps(TextEdit other) {
    if (!file.path().equals(other.file.path())) {
      return false;
    }
    if (start == end && other.start == other.end) {
      return false; // two insertions at one place are ordered, not conflicting
    }
    return start < other.end && other.start < end
        || start == end && start > other.start && start < other.end
        || other.start == other.end && other.start > start && other.start < end;
  }

  /** The same edit with a caveat (none when {@code c} is null). */
  public TextEdit with(Caveat c) {
    return c == null ? this : new TextEdit(file, start, end, replacement, c);
  }
}
