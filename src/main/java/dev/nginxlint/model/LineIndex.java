package dev.nginxlint.model;

import java.util.Arrays;

/** Maps byte offsets of a file to lines (LF-counted) and character columns. */
public final class LineIndex {
  private final byte[] bytes;
  private final int[] lineStarts;
  /** No byte of the file is above 0x7F: a column is then the byte distance from the line start. */
  private final boolean ascii;
  /**
   * The 0-based line of the last lookup: the parser asks in file order, so the next offset is
   * usually on the same or the next line. Only a hint (checked before use), so concurrent
   * readers are harmless.
   */
  private int lastLine;

  public LineIndex(byte[] bytes) {
    this.bytes = bytes;
    int count = 1;
    int high = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        count++;
      }
      high |= b;
    }
    this.ascii = high >= 0;
    int[] starts = new int[count];
    int k = 1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts[k++] = i + 1;
      }
    }
    this.lineStarts = starts;
  }

  /** True when no byte of the file is above 0x7F (every byte is one ASCII character). */
  public boolean isAscii() {
    return ascii;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of a byte offset. */
  public int line(int offset) {
    return lineIndex(offset) + 1;
  }

  /** 0-based line of a byte offset. */
  private int lineIndex(int offset) {
    int[] starts = lineStarts;
    int n = starts.length;
    int hint = lastLine;
    for (int k = hint; k < n && k <= hint + 1; k++) {
      if (starts[k] <= offset && (k + 1 == n || offset < starts[k + 1])) {
        lastLine = k;
        return k;
      }
    }
    int i = Arrays.binarySearch(starts, offset);
    int line = i >= 0 ? i : -i - 2;
    if (line < 0) {
      return line; // before the file (negative offsets): as the binary search always said
    }
    lastLine = line;
    return line;
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
    return columnOn(lineIndex(offset), offset);
  }

  public Span span(int start, int end) {
    int startLine = lineIndex(start);
    int endLine = lineIndex(end);
    return new Span(start, end, startLine + 1, columnOn(startLine, start), endLine + 1, columnOn(endLine, end));
  }

  private int columnOn(int lineIndex, int offset) {
    int start = lineStarts[lineIndex];
    if (ascii) {
      return Math.max(0, Math.min(offset, bytes.length) - start) + 1;
    }
    int col = 1;
    for (int i = start; i < offset && i < bytes.length; i++) {
      // UTF-8 continuation bytes do not start a character
      if ((bytes[i] & 0xC0) != 0x80) {
        col++;
      }
    }
    return col;
  }
}
