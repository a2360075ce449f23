package dev.nginxlint.fix;

import dev.nginxlint.model.SourceFile;

/**
 * Replace the bytes [start, end) of a file with {@code replacement} (UTF-8). An insertion has
 * start == end. Offsets are those of the file as it was parsed.
 */
public record TextEdit(SourceFile file, int start, int end, String replacement) {

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
}
