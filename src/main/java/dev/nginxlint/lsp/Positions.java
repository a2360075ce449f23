package dev.nginxlint.lsp;

import dev.nginxlint.model.LineIndex;
import dev.nginxlint.model.SourceFile;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Byte offsets of a parsed file to LSP positions and back. LSP counts columns in UTF-16 code
 * units (the default position encoding); the model counts bytes, so a line's bytes are walked as
 * UTF-8 (only up to the column asked for).
 */
final class Positions {
  private Positions() {}

  static Range range(SourceFile f, int start, int end) {
    return new Range(position(f, start), position(f, end));
  }

  static Position position(SourceFile f, int offset) {
    offset = Math.max(0, Math.min(offset, f.size()));
    LineIndex lines = f.lines();
    int line = lines.line(offset);
    int units = 0;
    for (int i = lines.lineStart(line); i < offset; ) {
      int len = utf8Length(f.byteAt(i));
      units += len == 4 ? 2 : 1;
      i += len;
    }
    return new Position(line - 1, units);
  }

  /** The byte offset of a position, clamped to its line (and the line to the file). */
  static int offset(SourceFile f, Position p) {
    LineIndex lines = f.lines();
    if (p.getLine() < 0) {
      return 0;
    }
    if (p.getLine() >= lines.lineCount()) {
      return f.size();
    }
    int line = p.getLine() + 1;
    int i = lines.lineStart(line);
    int end = lines.lineEnd(line);
    int units = 0;
    while (i < end && units < p.getCharacter()) {
      int len = utf8Length(f.byteAt(i));
      units += len == 4 ? 2 : 1;
      i += len;
    }
    return Math.min(i, end);
  }

  private static int utf8Length(byte first) {
    int b = first & 0xFF;
    return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }

  /** The position just past the end of a text (for a whole-document edit). */
  static Position end(String text) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, text.length() - lineStart);
  }

  /** The position of a char index in a text (UTF-16 columns, as Java strings count). */
  static Position position(String text, int index) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, index - lineStart);
  }
}
