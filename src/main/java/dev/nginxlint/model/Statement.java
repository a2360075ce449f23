package dev.nginxlint.model;

import java.util.List;

/**
 * A directive as written in one file: words, terminator, children and spans. Shared by every
 * context the file is included in; the analysed tree wraps it in {@link Directive}s.
 */
public final class Statement {

  /** How the statement ended. */
  public enum Terminator { SEMICOLON, BLOCK, RAW_BLOCK }

  private final SourceFile file;
  private final Arg name;
  private final List<Arg> args;
  /** The same words and children as arrays (read-only, shared with the tree's Directives). */
  private final Arg[] argv;
  private final Terminator terminator;
  private final List<Statement> children;
  private final Statement[] kids;
  /**
   * Where it stands, as byte offsets: [start, end) the whole statement, [start, headEnd) its
   * head, [closeStart, end) its closing '}' (closeStart -1: none). The spans with lines and
   * columns are made on first use (most statements never need them), racing threads making
   * equal ones.
   */
  private final LineIndex lines;
  private final int start;
  private final int end;
  private final int headEnd;
  private final int closeStart;
  private Span span;
  private Span headSpan;
  // kept apart from the name Arg: every walk over a big tree asks for them, directive by directive
  private final String nameValue;
  private final boolean dataBlock;

  /**
   * A statement at bytes [start, end) of {@code file}, its head ending at {@code headEnd}, its
   * closing '}' starting at {@code closeStart} (-1: none).
   */
  public Statement(SourceFile file, Arg name, List<Arg> args, Terminator terminator,
      List<Statement> children, int start, int end, int headEnd, int closeStart) {
    this.file = file;
    this.name = name;
    this.argv = args.isEmpty() ? NO_ARGS : args.toArray(NO_ARGS);
    this.args = readOnly(argv);
    this.terminator = terminator;
    this.kids = children == null ? null : children.isEmpty() ? NO_KIDS : children.toArray(NO_KIDS);
    this.children = kids == null ? null : readOnly(kids);
    this.lines = file.lines();
    this.start = start;
    this.end = end;
    this.headEnd = headEnd;
    this.closeStart = closeStart;
    this.nameValue = name.value();
    this.dataBlock = children != null && isDataBlockName(nameValue);
  }

  private static final Arg[] NO_ARGS = {};
  private static final Statement[] NO_KIDS = {};

  /** A read-only list over an array no one writes to (not a copy of it). */
  private static <T> List<T> readOnly(T[] items) {
    return items.length == 0 ? List.of() : java.util.Collections.unmodifiableList(java.util.Arrays.asList(items));
  }

  /** The words after the name as an array: shared, so callers must not write to it. */
  public Arg[] argArray() { return argv; }
  /** The children as an array (null: no block): shared, so callers must not write to it. */
  public Statement[] childArray() { return kids; }

  public SourceFile file() { return file; }
  public String name() { return nameValue; }
  public Arg nameArg() { return name; }
  public List<Arg> args() { return args; }
  public Terminator terminator() { return terminator; }
  /** Children of a {...} block; null for a simple directive or a raw Lua block. */
  public List<Statement> children() { return children; }
  public boolean hasBlock() { return children != null; }

  /**
   * True for blocks whose body nginx hands to a module as data entries, not directives
   * (map, geo, types, split_clients, charset_map): a "server" line in a map is a key.
   */
  public boolean isDataBlock() {
    return dataBlock;
  }

  public static boolean isDataBlockName(String name) {
    return switch (name) {
      case "map", "geo", "types", "split_clients", "charset_map" -> true;
      default -> false;
    };
  }
  /** From the first byte of the name to the ';' or the closing '}' (inclusive). */
  public Span span() {
    Span s = span;
    if (s == null) {
      s = lines.span(start, end);
      span = s;
    }
    return s;
  }

  /** From the first byte of the name to the ';' or '{' that ends the words. */
  public Span headSpan() {
    Span s = headSpan;
    if (s == null) {
      s = headEnd == end ? span() : lines.span(start, headEnd);
      headSpan = s;
    }
    return s;
  }

  /** The closing '}' of a block, else null (made when asked: only a few fixes ask). */
  public Span closeSpan() {
    return closeStart < 0 ? null : lines.span(closeStart, end);
  }

  /** The offset after the ';' or '{' that ends the words (without making the span). */
  public int headEnd() { return headEnd; }
  /** The first byte's offset (the same as {@code span().start()}, without making the span). */
  public int start() { return start; }
  /** The offset after the last byte (the same as {@code span().end()}). */
  public int end() { return end; }

  @Override
  public String toString() {
    return file.displayName() + ":" + span().line() + " " + name.raw();
  }
}
