package dev.nginxlint.model;

import java.util.Arrays;

/** Maps byte offsets of a file to lines (LF-counted) and character columns. */
public final class LineIndex {
  private final byte[] bytes;
  private final int[] lineStarts;

  public LineIndex(byte[] bytes) {
    this.bytes = bytes;
    int count = 1;
    for (byte b : bytes) {
      if (b == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int k = 1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts[k++] = i + 1;
      }
    }
    this.lineStarts = starts;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of a byte offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** Byte offset where a 1-based line starts. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Byte offset just past the line's content (before its LF, or the end of file). */
  public int lineEnd(int line) {
    return line < lineStarts.length ? lineStarts[line] - 1 : bytes.length;
  }

  /** 1-based character column of a byte offset. */
  public int column(int offset) {
    int start = lineStarts[line(offset) - 1];
    int col = 1;
    for (int i = start; i < offset && i < bytes.length; i++) {
      // UTF-8 continuation bytes do not start a character
      if ((bytes[i] & 0xC0) != 0x80) {
        col++;
      }
    }
    return col;
  }

  public Span span(int start, int end) {
    return new Span(start, end, line(start), column(start), line(end), column(end));
  }
}
