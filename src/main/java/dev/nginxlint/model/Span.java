package dev.nginxlint.model;

/**
 * A region of one source file: byte offsets (end exclusive) and 1-based line/column
 * positions. Lines count LF bytes, as nginx does; columns count characters (UTF-8
 * sequences, one per invalid byte); endColumn is exclusive.
 */
public record Span(int start, int end, int line, int column, int endLine, int endColumn) {

  public Span {
    if (end < start) {
      throw new IllegalArgumentException("span end before start: " + start + ".." + end);
    }
  }

  public int length() {
    return end - start;
  }

  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }

  @Override
  public String toString() {
    return line + ":" + column + "-" + endLine + ":" + endColumn;
  }
}
