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
  private final Terminator terminator;
  private final List<Statement> children;
  private final Span span;
  private final Span headSpan;
  private final Span closeSpan;
  // kept apart from the name Arg: every walk over a big tree asks for them, directive by directive
  private final String nameValue;
  private final boolean dataBlock;

  public Statement(SourceFile file, Arg name, List<Arg> args, Terminator terminator,
      List<Statement> children, Span span, Span headSpan, Span closeSpan) {
    this.file = file;
    this.name = name;
    this.args = List.copyOf(args);
    this.terminator = terminator;
    this.children = children == null ? null : List.copyOf(children);
    this.span = span;
    this.headSpan = headSpan;
    this.closeSpan = closeSpan;
    this.nameValue = name.value();
    this.dataBlock = children != null && isDataBlockName(nameValue);
  }

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
  public Span span() { return span; }
  /** From the first byte of the name to the ';' or '{' that ends the words. */
  public Span headSpan() { return headSpan; }
  /** The closing '}' of a block, else null. */
  public Span closeSpan() { return closeSpan; }

  @Override
  public String toString() {
    return file.displayName() + ":" + span.line() + " " + name.raw();
  }
}
