package dev.nginxlint.format;

import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Comment;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.parse.ConfigParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Re-lays a parsed file's tokens: one statement per line, indented by nesting, `{` on the
 * statement's line, at most one blank line, no trailing whitespace, a final newline, the file's
 * line endings. Tokens are copied byte for byte (never re-quoted, re-escaped or re-spaced inside),
 * comments stay where they are (a comment after a token stays on its line), and raw blocks
 * (*_by_lua_block bodies) are copied whole. With {@link Style#alignValues} the entries of
 * map/geo/types/split_clients bodies get their second column aligned (spaces between the key and
 * the value, nothing else). {@link #format} then proves the result: its tokens, read back by the
 * same parser, are the input's, in order.
 *
 * <p>A file is held as parallel arrays of token offsets, not objects, and the proof compares
 * bytes in place: a 5,000-server file has some 300,000 tokens, formatted once and read back once.
 *
 * <p>Over 400 lines: the layout pass and its proof work on the same token arrays; split, they
 * would pass those arrays between classes for no reader's benefit.
 */
public final class Formatter {

  /**
   * How a file is laid out: its own indentation unit ({@code indent} null), or this many spaces,
   * or a tab; and whether the value column of map/geo/types/split_clients bodies is aligned.
   */
  public record Style(String indent, boolean alignValues) {
    public static final Style KEEP = new Style(null, false);

    public Style(String indent) {
      this(indent, false);
    }

    public Style withAlignValues(boolean on) {
      return new Style(indent, on);
    }
  }

  /** The outcome for one file: new bytes (equal to the old when nothing changes), or why not. */
  public record Result(byte[] formatted, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  private static final byte WORD = 0;
  private static final byte SEMI = 1;
  private static final byte OPEN = 2;
  private static final byte CLOSE = 3;
  private static final byte COMMENT = 4;

  /** The blocks whose bodies are key-value entries, not directives (see Statement#isDataBlock). */
  private static final Set<String> ALIGNED_BLOCKS = Set.of("map", "geo", "types", "split_clients");
  /** A key wider than this keeps one space and does not widen its group's column (a long regex). */
  static final int MAX_ALIGNED_KEY = 40;

  private Formatter() {}

  public static Result format(Path path, String name, byte[] bytes, Style style) {
    SourceFile f = ConfigParser.parse(path, name, bytes);
    if (f.hasErrors()) {
      var e = f.errors().get(0);
      return new Result(null, name + ":" + e.span().line() + ":" + e.span().column()
          + ": not formatted: " + e.message());
    }
    Pieces pieces = new Pieces(bytes, f, style.alignValues());
    byte[] out = emit(bytes, pieces, indentUnit(bytes, pieces, style), eol(bytes));
    // the proof: the same tokens, in the same order, read back from what would be written
    SourceFile g = ConfigParser.parse(path, name, out);
    if (g.hasErrors() || !sameTokens(bytes, pieces, out, new Pieces(out, g, false))) {
      return new Result(null, name + ": not formatted: the result would not hold the same tokens"
          + " (a formatter bug; the file is left as it is)");
    }
    return new Result(out, null);
  }

  // ---- tokens ----

  /**
   * The file's tokens in order: kind, bytes [start, end), nesting depth, whether the token is a
   * statement's first word, and the spaces before it when it is an aligned value (0: one space).
   */
  private static final class Pieces {
    byte[] kind;
    int[] start;
    int[] end;
    int[] depth;
    boolean[] first;
    int[] pad;
    int n;

    private final byte[] in;
    private final boolean align;
    private final List<Comment> comments;
    private int nextComment;
    /** The depth a comment takes: that of the statement before it, or inside the block it opens. */
    private int commentDepth;

    Pieces(byte[] in, SourceFile f, boolean align) {
      this.in = in;
      this.align = align;
      this.comments = f.comments();
      int capacity = Math.max(16, in.length / 4);
      kind = new byte[capacity];
      start = new int[capacity];
      end = new int[capacity];
      depth = new int[capacity];
      first = new boolean[capacity];
      pad = align ? new int[capacity] : null;
      for (Statement s : f.statements()) {
        statement(s, 0);
      }
      commentsBefore(Integer.MAX_VALUE);
    }

    /** Adds a statement's tokens; returns the index of its first word. */
    private int statement(Statement s, int d) {
      Arg name = s.nameArg();
      int nameIndex = add(WORD, name.start(), name.end(), d, true);
      for (Arg a : s.argArray()) {
        add(WORD, a.start(), a.end(), d, false);
      }
      int headEnd = s.headEnd();
      switch (s.terminator()) {
        case SEMICOLON -> add(SEMI, headEnd - 1, headEnd, d, false);
        case RAW_BLOCK -> {
          // the parser gives the raw body ({ ... } of a *_by_lua_block) as the last word: copied whole
        }
        case BLOCK -> {
          add(OPEN, headEnd - 1, headEnd, d, false);
          Statement[] kids = s.childArray();
          if (align && ALIGNED_BLOCKS.contains(s.name())) {
            int[] names = new int[kids.length];
            for (int i = 0; i < kids.length; i++) {
              names[i] = statement(kids[i], d + 1);
            }
            alignValues(kids, names);
          } else {
            for (Statement c : kids) {
              statement(c, d + 1);
            }
          }
          add(CLOSE, s.end() - 1, s.end(), d, false);
        }
      }
      return nameIndex;
    }

    private int add(byte k, int from, int to, int d, boolean firstWord) {
      commentsBefore(from);
      int i = push(k, from, to, d, firstWord);
      commentDepth = k == OPEN ? d + 1 : d;
      return i;
    }

    private void commentsBefore(int offset) {
      while (nextComment < comments.size() && comments.get(nextComment).span().start() < offset) {
        Comment c = comments.get(nextComment++);
        push(COMMENT, c.span().start(), c.span().end(), commentDepth, false);
      }
    }

    private int push(byte k, int from, int to, int d, boolean firstWord) {
      if (n == kind.length) {
        int size = n * 2;
        kind = Arrays.copyOf(kind, size);
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        depth = Arrays.copyOf(depth, size);
        first = Arrays.copyOf(first, size);
        if (pad != null) {
          pad = Arrays.copyOf(pad, size);
        }
      }
      kind[n] = k;
      start[n] = from;
      end[n] = to;
      depth[n] = d;
      first[n] = firstWord;
      return n++;
    }

    /**
     * The value column of a data block's entries: within a group (entries not parted by a blank
     * line or by a line that is not an entry, such as an include), every value starts one space
     * after the widest key. Comment lines do not part a group; a key wider than
     * {@link #MAX_ALIGNED_KEY} keeps one space and does not widen the column.
     */
    private void alignValues(Statement[] kids, int[] names) {
      int[] widths = new int[kids.length];
      int groupFrom = 0;
      int column = 0;
      for (int i = 0; i < kids.length; i++) {
        if (i > 0 && hasBlankLine(in, kids[i - 1].end(), kids[i].start())) {
          pad(groupFrom, i, widths, names, column);
          groupFrom = i;
          column = 0;
        }
        widths[i] = keyWidth(kids[i]);
        if (widths[i] < 0) {
          pad(groupFrom, i, widths, names, column);
          groupFrom = i + 1;
          column = 0;
        } else if (widths[i] <= MAX_ALIGNED_KEY) {
          column = Math.max(column, widths[i]);
        }
      }
      pad(groupFrom, kids.length, widths, names, column);
    }

    private void pad(int from, int to, int[] widths, int[] names, int column) {
      for (int i = from; i < to; i++) {
        if (widths[i] >= 0 && widths[i] <= MAX_ALIGNED_KEY) {
          pad[names[i] + 1] = column - widths[i] + 1;
        }
      }
    }

    /**
     * The display width of an entry's key, or -1 when the line is not an entry whose value
     * can be aligned: an include, a block, a key alone (hostnames;), or an entry the author
     * broke over lines (its line breaks are kept as they are).
     */
    private int keyWidth(Statement s) {
      Arg[] args = s.argArray();
      if (s.terminator() != Statement.Terminator.SEMICOLON || args.length == 0 || s.name().equals("include")) {
        return -1;
      }
      Arg key = s.nameArg();
      int width = 0;
      for (int i = key.start(); i < args[0].start(); i++) {
        if (in[i] == '\n') {
          return -1;
        }
        // a UTF-8 character is one column (its continuation bytes add none)
        if (i < key.end() && (in[i] & 0xC0) != 0x80) {
          width++;
        }
      }
      return width;
    }
  }

  /** Whether the bytes [from, to) hold a line with nothing but whitespace on it. */
  private static boolean hasBlankLine(byte[] in, int from, int to) {
    boolean lineEmpty = false;
    for (int i = from; i < to; i++) {
      byte b = in[i];
      if (b == '\n') {
        if (lineEmpty) {
          return true;
        }
        lineEmpty = true;
      } else if (b != ' ' && b != '\t' && b != '\r') {
        lineEmpty = false;
      }
    }
    return false;
  }

  /** The proof: the same kinds and bytes, token by token (a comment's trailing blanks aside). */
  private static boolean sameTokens(byte[] a, Pieces pa, byte[] b, Pieces pb) {
    if (pa.n != pb.n) {
      return false;
    }
    for (int i = 0; i < pa.n; i++) {
      if (pa.kind[i] != pb.kind[i]) {
        return false;
      }
      int aEnd = pa.end[i];
      int bEnd = pb.end[i];
      if (pa.kind[i] == COMMENT) {
        // a comment's trailing spaces are whitespace, not part of what it says
        aEnd = stripTrailing(a, pa.start[i], aEnd);
        bEnd = stripTrailing(b, pb.start[i], bEnd);
      }
      if (!Arrays.equals(a, pa.start[i], aEnd, b, pb.start[i], bEnd)) {
        return false;
      }
    }
    return true;
  }

  private static int stripTrailing(byte[] in, int from, int to) {
    while (to > from && isBlank(in[to - 1])) {
      to--;
    }
    return to;
  }

  /** What String.stripTrailing takes for whitespace, on one byte. */
  private static boolean isBlank(byte b) {
    return b == ' ' || b >= '\t' && b <= '\r' || b >= 0x1C && b <= 0x1F;
  }

  // ---- layout ----

  /** A growing byte buffer (not synchronized, unlike ByteArrayOutputStream). */
  private static final class Sink {
    byte[] buf;
    int size;

    Sink(int capacity) {
      buf = new byte[capacity];
    }

    void write(byte[] from, int off, int len) {
      if (size + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
      }
      System.arraycopy(from, off, buf, size, len);
      size += len;
    }

    void write(byte[] from) {
      write(from, 0, from.length);
    }

    void spaces(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
      Arrays.fill(buf, size, size + n, (byte) ' ');
      size += n;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }

  /** The indentation of each depth, made once per depth. */
  private static final class Indents {
    private final byte[] unit;
    private byte[][] byDepth = new byte[8][];

    Indents(String unit) {
      this.unit = unit.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] of(int depth) {
      if (depth >= byDepth.length) {
        byDepth = Arrays.copyOf(byDepth, Math.max(depth + 1, byDepth.length * 2));
      }
      byte[] b = byDepth[depth];
      if (b == null) {
        b = new byte[unit.length * depth];
        for (int i = 0; i < depth; i++) {
          System.arraycopy(unit, 0, b, i * unit.length, unit.length);
        }
        byDepth[depth] = b;
      }
      return b;
    }
  }

  private static byte[] emit(byte[] in, Pieces p, String unit, byte[] eol) {
    Sink out = new Sink(in.length + in.length / 8 + 64);
    Indents indents = new Indents(unit);
    if (in.length >= 3 && (in[0] & 0xff) == 0xEF && (in[1] & 0xff) == 0xBB && (in[2] & 0xff) == 0xBF) {
      out.write(in, 0, 3); // the BOM stays the first bytes
    }
    boolean lineOpen = false;
    boolean afterComment = false;
    byte prevKind = -1;
    int prevEnd = -1;
    for (int i = 0; i < p.n; i++) {
      byte kind = p.kind[i];
      int from = p.start[i];
      int to = p.end[i];
      int depth = p.depth[i];
      boolean blank = prevKind >= 0 && prevKind != OPEN && hasBlankLineOrTwoBreaks(in, prevEnd, from);
      boolean sameLine = prevKind < 0 || noNewline(in, prevEnd, from);
      switch (kind) {
        case WORD -> {
          if (p.first[i]) {
            startLine(out, lineOpen, blank, eol);
            out.write(indents.of(depth));
          } else if (afterComment || !sameLine) {
            // a statement that the author broke over lines keeps its breaks, one level deeper
            startLine(out, true, false, eol);
            out.write(indents.of(depth + 1));
          } else {
            out.spaces(p.pad != null && p.pad[i] > 0 ? p.pad[i] : 1);
          }
          out.write(in, from, to - from);
          lineOpen = true;
        }
        case SEMI -> {
          if (afterComment) {
            startLine(out, true, false, eol);
            out.write(indents.of(depth + 1));
          }
          out.write(in, from, to - from);
        }
        case OPEN -> {
          if (afterComment) {
            startLine(out, true, false, eol);
            out.write(indents.of(depth));
          } else {
            out.spaces(1);
          }
          out.write(in, from, to - from);
          lineOpen = true;
        }
        case CLOSE -> {
          if (prevKind == OPEN) {
            out.write(in, from, to - from); // an empty block: {}
          } else {
            startLine(out, lineOpen, false, eol);
            out.write(indents.of(depth));
            out.write(in, from, to - from);
          }
          lineOpen = true;
        }
        default -> { // COMMENT
          if (prevKind >= 0 && sameLine && lineOpen) {
            out.spaces(1); // a comment after a token stays on that line
          } else {
            startLine(out, lineOpen, blank, eol);
            out.write(indents.of(depth));
          }
          // without the whitespace (and CR) that may end its line
          int end = to;
          while (end > from + 1 && (in[end - 1] == ' ' || in[end - 1] == '\t' || in[end - 1] == '\r')) {
            end--;
          }
          out.write(in, from, end - from);
          lineOpen = true;
        }
      }
      afterComment = kind == COMMENT;
      prevKind = kind;
      prevEnd = to;
    }
    if (lineOpen) {
      out.write(eol);
    }
    return out.bytes();
  }

  private static void startLine(Sink out, boolean lineOpen, boolean blank, byte[] eol) {
    if (lineOpen) {
      out.write(eol);
    }
    if (blank) {
      out.write(eol);
    }
  }

  private static boolean noNewline(byte[] in, int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == '\n') {
        return false;
      }
    }
    return true;
  }

  /** Two or more line breaks between two tokens: the author left a blank line there. */
  private static boolean hasBlankLineOrTwoBreaks(byte[] in, int from, int to) {
    boolean seen = false;
    for (int i = from; i < to; i++) {
      if (in[i] == '\n') {
        if (seen) {
          return true;
        }
        seen = true;
      }
    }
    return false;
  }

  /** CRLF when the file's first line ends so, else LF. */
  private static byte[] eol(byte[] in) {
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\n') {
        return i > 0 && in[i - 1] == '\r' ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
      }
    }
    return new byte[] {'\n'};
  }

  /**
   * The indentation unit: the style's, else the file's own (a tab when its first indented
   * statement starts with one, else the smallest indentation of a nested statement), else 4 spaces.
   */
  private static String indentUnit(byte[] in, Pieces p, Style style) {
    if (style.indent() != null) {
      return style.indent();
    }
    int smallest = Integer.MAX_VALUE;
    for (int k = 0; k < p.n; k++) {
      if (!p.first[k] || p.depth[k] != 1) {
        continue;
      }
      int at = p.start[k];
      int lineStart = at;
      while (lineStart > 0 && in[lineStart - 1] != '\n') {
        lineStart--;
      }
      int width = at - lineStart;
      boolean onlyBlanks = true;
      for (int i = lineStart; i < at; i++) {
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
