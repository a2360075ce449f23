package dev.nginxlint.format;

import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Comment;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.parse.ConfigParser;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Re-lays a parsed file's tokens: one statement per line, indented by nesting, `{` on the
 * statement's line, at most one blank line, no trailing whitespace, a final newline, the file's
 * line endings. Tokens are copied byte for byte (never re-quoted, re-escaped or re-spaced inside),
 * comments stay where they are (a comment after a token stays on its line), and raw blocks
 * (*_by_lua_block bodies) are copied whole. {@link #format} then proves the result: its tokens,
 * read back by the same parser, are the input's, in order.
 */
public final class Formatter {

  /** How a file is indented: its own unit ({@code null}), or this many spaces, or a tab. */
  public record Style(String indent) {
    public static final Style KEEP = new Style(null);
  }

  /** The outcome for one file: new bytes (equal to the old when nothing changes), or why not. */
  public record Result(byte[] formatted, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  private enum Kind { WORD, SEMI, OPEN, CLOSE, RAW, COMMENT }

  /** A token of the input: kind, bytes [start, end), nesting depth, first word of a statement. */
  private record Piece(Kind kind, int start, int end, int depth, boolean first) {}

  private Formatter() {}

  public static Result format(Path path, String name, byte[] bytes, Style style) {
    SourceFile f = ConfigParser.parse(path, name, bytes);
    if (f.hasErrors()) {
      var e = f.errors().get(0);
      return new Result(null, name + ":" + e.span().line() + ":" + e.span().column()
          + ": not formatted: " + e.message());
    }
    List<Piece> pieces = pieces(f);
    byte[] out = emit(bytes, pieces, indentUnit(bytes, pieces, style), eol(bytes));
    // the proof: the same tokens, in the same order, read back from what would be written
    SourceFile g = ConfigParser.parse(path, name, out);
    if (g.hasErrors() || !tokens(bytes, pieces).equals(tokens(out, pieces(g)))) {
      return new Result(null, name + ": not formatted: the result would not hold the same tokens"
          + " (a formatter bug; the file is left as it is)");
    }
    return new Result(out, null);
  }

  // ---- tokens ----

  private static List<Piece> pieces(SourceFile f) {
    List<Piece> out = new ArrayList<>();
    for (Statement s : f.statements()) {
      add(s, 0, out);
    }
    for (Comment c : f.comments()) {
      out.add(new Piece(Kind.COMMENT, c.span().start(), c.span().end(), -1, false));
    }
    out.sort(Comparator.comparingInt(Piece::start));
    // a comment takes the depth of what surrounds it: the statement before it, or the block
    int depth = 0;
    for (int i = 0; i < out.size(); i++) {
      Piece p = out.get(i);
      if (p.kind() == Kind.COMMENT) {
        out.set(i, new Piece(Kind.COMMENT, p.start(), p.end(), depth, false));
      } else if (p.kind() == Kind.OPEN) {
        depth = p.depth() + 1;
      } else if (p.kind() == Kind.CLOSE) {
        depth = p.depth();
      } else {
        depth = p.depth();
      }
    }
    return out;
  }

  private static void add(Statement s, int depth, List<Piece> out) {
    Arg name = s.nameArg();
    out.add(new Piece(Kind.WORD, name.start(), name.end(), depth, true));
    for (Arg a : s.args()) {
      out.add(new Piece(Kind.WORD, a.start(), a.end(), depth, false));
    }
    int headEnd = s.headSpan().end();
    switch (s.terminator()) {
      case SEMICOLON -> out.add(new Piece(Kind.SEMI, headEnd - 1, headEnd, depth, false));
      case RAW_BLOCK -> {
        // the parser gives the raw body ({ ... } of a *_by_lua_block) as the last word: copied whole
      }
      case BLOCK -> {
        out.add(new Piece(Kind.OPEN, headEnd - 1, headEnd, depth, false));
        for (Statement c : s.children()) {
          add(c, depth + 1, out);
        }
        int close = s.closeSpan().start();
        out.add(new Piece(Kind.CLOSE, close, close + 1, depth, false));
      }
    }
  }

  /** The token sequence as the proof compares it: kind and bytes of each piece. */
  private static List<String> tokens(byte[] bytes, List<Piece> pieces) {
    List<String> out = new ArrayList<>(pieces.size());
    for (Piece p : pieces) {
      String text = new String(bytes, p.start(), p.end() - p.start(), java.nio.charset.StandardCharsets.ISO_8859_1);
      // a comment's trailing spaces are whitespace, not part of what it says
      out.add(p.kind() + ":" + (p.kind() == Kind.COMMENT ? text.stripTrailing() : text));
    }
    return out;
  }

  // ---- layout ----

  private static byte[] emit(byte[] in, List<Piece> pieces, String unit, String eol) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
    if (in.length >= 3 && (in[0] & 0xff) == 0xEF && (in[1] & 0xff) == 0xBB && (in[2] & 0xff) == 0xBF) {
      out.write(in, 0, 3); // the BOM stays the first bytes
    }
    Piece prev = null;
    boolean lineOpen = false;
    boolean afterComment = false;
    for (Piece p : pieces) {
      int newlines = prev == null ? 0 : newlinesBetween(in, prev.end(), p.start());
      switch (p.kind()) {
        case WORD -> {
          if (p.first()) {
            startLine(out, lineOpen, prev != null && newlines >= 2 && prev.kind() != Kind.OPEN, eol);
            indent(out, unit, p.depth());
          } else if (afterComment || newlines > 0) {
            // a statement that the author broke over lines keeps its breaks, one level deeper
            startLine(out, true, false, eol);
            indent(out, unit, p.depth() + 1);
          } else {
            out.write(' ');
          }
          copy(out, in, p);
          lineOpen = true;
        }
        case SEMI -> {
          if (afterComment) {
            startLine(out, true, false, eol);
            indent(out, unit, p.depth() + 1);
          }
          copy(out, in, p);
        }
        case OPEN, RAW -> {
          if (afterComment) {
            startLine(out, true, false, eol);
            indent(out, unit, p.depth());
          } else {
            out.write(' ');
          }
          copy(out, in, p);
          lineOpen = true;
        }
        case CLOSE -> {
          if (prev != null && prev.kind() == Kind.OPEN) {
            copy(out, in, p); // an empty block: {}
          } else {
            startLine(out, lineOpen, false, eol);
            indent(out, unit, p.depth());
            copy(out, in, p);
          }
          lineOpen = true;
        }
        case COMMENT -> {
          if (prev != null && newlines == 0 && lineOpen) {
            out.write(' '); // a comment after a token stays on that line
          } else {
            startLine(out, lineOpen, prev != null && newlines >= 2 && prev.kind() != Kind.OPEN, eol);
            indent(out, unit, p.depth());
          }
          copyComment(out, in, p);
          lineOpen = true;
        }
      }
      afterComment = p.kind() == Kind.COMMENT;
      prev = p;
    }
    if (lineOpen) {
      out.writeBytes(eol.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private static void startLine(ByteArrayOutputStream out, boolean lineOpen, boolean blank, String eol) {
    byte[] nl = eol.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (lineOpen) {
      out.writeBytes(nl);
    }
    if (blank) {
      out.writeBytes(nl);
    }
  }

  private static void indent(ByteArrayOutputStream out, String unit, int depth) {
    for (int i = 0; i < depth; i++) {
      out.writeBytes(unit.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  private static void copy(ByteArrayOutputStream out, byte[] in, Piece p) {
    out.write(in, p.start(), p.end() - p.start());
  }

  /** A comment without the whitespace (and CR) that may end its line. */
  private static void copyComment(ByteArrayOutputStream out, byte[] in, Piece p) {
    int end = p.end();
    while (end > p.start() + 1 && (in[end - 1] == ' ' || in[end - 1] == '\t' || in[end - 1] == '\r')) {
      end--;
    }
    out.write(in, p.start(), end - p.start());
  }

  private static int newlinesBetween(byte[] in, int from, int to) {
    int n = 0;
    for (int i = from; i < to && i < in.length; i++) {
      if (in[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** CRLF when the file's first line ends so, else LF. */
  private static String eol(byte[] in) {
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\n') {
        return i > 0 && in[i - 1] == '\r' ? "\r\n" : "\n";
      }
    }
    return "\n";
  }

  /**
   * The indentation unit: the style's, else the file's own (a tab when its first indented
   * statement starts with one, else the smallest indentation of a nested statement), else 4 spaces.
   */
  private static String indentUnit(byte[] in, List<Piece> pieces, Style style) {
    if (style.indent() != null) {
      return style.indent();
    }
    int smallest = Integer.MAX_VALUE;
    for (Piece p : pieces) {
      if (!p.first() || p.depth() != 1) {
        continue;
      }
      int lineStart = p.start();
      while (lineStart > 0 && in[lineStart - 1] != '\n') {
        lineStart--;
      }
      int width = p.start() - lineStart;
      boolean onlyBlanks = true;
      for (int i = lineStart; i < p.start(); i++) {
        onlyBlanks &= in[i] == ' ' || in[i] == '\t';
      }
      if (!onlyBlanks || width == 0) {
        continue;
      }
      if (in[lineStart] == '\t') {
        return "\t";
      }
      smallest = Math.min(smallest, width);
    }
    return smallest == Integer.MAX_VALUE || smallest > 8 ? "    " : " ".repeat(smallest);
  }
}
