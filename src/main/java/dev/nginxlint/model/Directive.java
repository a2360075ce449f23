package dev.nginxlint.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A directive in the analysed tree of one configuration: a {@link Statement} placed in its
 * context. Includes are spliced in where nginx reads them, so a block's children are the
 * directives nginx sees at that level, whichever file they come from; a file included in two
 * places gives two Directives over the same Statement.
 */
public final class Directive {
  private final Statement statement;
  private final Directive parent;
  private final Directive includedBy;
  private final ConfigTree tree;
  private List<Directive> block;
  // copied from the statement: every walk over a big tree asks for them, directive by directive
  private final String name;
  private final List<Arg> args;
  /**
   * The same arguments as an array (the statement's own), and the children as an array once the
   * block is closed: {@link #arg} and the walks run for every directive of a big tree, and an
   * array read needs no call through the List interface.
   */
  private final Arg[] argv;
  private Directive[] kids;
  private final SourceFile file;
  private final boolean dataEntry;
  private final boolean semicolon;

  Directive(Statement statement, Directive parent, Directive includedBy, ConfigTree tree) {
    this.statement = statement;
    this.parent = parent;
    this.includedBy = includedBy;
    this.tree = tree;
    this.block = statement.hasBlock() ? new ArrayList<>() : null;
    this.name = statement.name();
    this.args = statement.args();
    this.argv = statement.argArray();
    this.file = statement.file();
    this.dataEntry = parent != null && parent.isDataBlock();
    this.semicolon = statement.terminator() == Statement.Terminator.SEMICOLON;
  }

  /**
   * One bit per child name (see {@link #nameBit}), set when the block is closed: most lookups
   * of a name at some level find nothing, and this says so without looking at the children.
   */
  private long childNameBits = -1L;

  /** A name's bit among 64, from its (cached) hash. */
  private static long nameBit(String name) {
    int h = name.hashCode();
    return 1L << ((h ^ (h >>> 16)) & 63);
  }

  private static final Directive[] NO_KIDS = {};

  void addChild(Directive child) {
    block.add(child);
  }

  private int ordinal = -1;

  /**
   * The directive's place in its tree's reading order (0, 1, ...), given when it is placed
   * (the tree is built in reading order): lets per-tree caches be plain arrays instead of hash
   * maps; -1 for a directive of no tree.
   */
  public int ordinal() {
    return ordinal;
  }

  void setOrdinal(int ordinal) {
    this.ordinal = ordinal;
  }

  /** Called once no child will be added: the children become read-only (and an array). */
  void closeBlock() {
    if (block == null || kids != null) {
      return;
    }
    kids = block.isEmpty() ? NO_KIDS : block.toArray(NO_KIDS);
    long bits = 0;
    for (Directive k : kids) {
      bits |= nameBit(k.name);
    }
    childNameBits = bits;
    block = Collections.unmodifiableList(block);
    // data entries (a map of thousands of lines) are not looked up by name
    if (kids.length > SMALL_BLOCK && !isDataBlock()) {
      childIndex = index(block);
    }
  }

  boolean blockClosed() {
    return block == null || kids != null;
  }

  public Statement statement() { return statement; }
  public String name() { return name; }
  public List<Arg> args() { return args; }
  public int argCount() { return argv.length; }
  /** The i-th argument's value, or null when there is none. */
  public String arg(int i) { return i < argv.length ? argv[i].value() : null; }
  public SourceFile file() { return file; }
  public Span span() { return statement.span(); }
  public Span headSpan() { return statement.headSpan(); }
  public Span nameSpan() { return statement.nameArg().span(); }
  public boolean hasBlock() { return block != null; }
  /** Ended by ';' (a simple directive), not by '{' (a block, or a raw Lua block). */
  public boolean endsWithSemicolon() { return semicolon; }
  /** map/geo/types/split_clients/charset_map: the children are data entries, not directives. */
  public boolean isDataBlock() { return statement.isDataBlock(); }
  /** True when this directive is an entry of a data block rather than a directive. */
  public boolean isDataEntry() { return dataEntry; }
  /** The directives inside this block directive (includes spliced in); null if no block. */
  public List<Directive> block() { return block; }

  /**
   * The children as an array, for walks over a built tree (null: no block, or not closed yet);
   * shared, so callers must not write to it.
   */
  Directive[] kids() { return kids; }
  /** The enclosing block directive, or null at the top of the tree. */
  public Directive parent() { return parent; }
  /** The include directive that brought this directive's file in, if it stands at that file's top. */
  public Directive includedBy() { return includedBy; }
  public ConfigTree tree() { return tree; }

  /** The children named {@code name} (in order), or an empty list. */
  public List<Directive> children(String name) {
    if (block == null) {
      return List.of();
    }
    List<Directive> out = new ArrayList<>();
    for (Directive d : block) {
      if (d.name().equals(name)) {
        out.add(d);
      }
    }
    return out;
  }

  private static final int SMALL_BLOCK = 8;

  /**
   * The children by name, made when a block of more than {@link #SMALL_BLOCK} directives closes
   * (part of the built tree, like {@link #kids}; never computed on demand, so the model holds no
   * cache); null for small blocks and data blocks, which are scanned.
   */
  private java.util.Map<String, List<Directive>> childIndex;

  /**
   * As {@link #children}, but an unmodifiable list, from the block's index when it has one:
   * rules ask every level above each directive for a name or two, thousands of times over in a
   * big tree.
   */
  public List<Directive> childrenIndexed(String name) {
    if (block == null || (childNameBits & nameBit(name)) == 0) {
      return List.of();
    }
    java.util.Map<String, List<Directive>> index = childIndex;
    if (index != null) {
      return index.getOrDefault(name, List.of());
    }
    // a few children (most locations), or a data block: a scan is cheaper than building and keeping a map
    Directive[] all = kids != null ? kids : block.toArray(NO_KIDS);
    Directive found = null;
    List<Directive> more = null;
    int hash = name.hashCode();
    for (Directive d : all) {
      // the hash is kept in the String: most children are told apart without their bytes
      if (d.name.hashCode() == hash && d.name.equals(name)) {
        if (found == null) {
          found = d;
        } else {
          if (more == null) {
            more = new ArrayList<>(4);
            more.add(found);
          }
          more.add(d);
        }
      }
    }
    return more != null ? Collections.unmodifiableList(more) : found != null ? List.of(found) : List.of();
  }

  /** Directives by name, each list in order and unmodifiable. */
  public static java.util.Map<String, List<Directive>> index(List<Directive> directives) {
    java.util.Map<String, List<Directive>> index = new java.util.HashMap<>();
    for (Directive d : directives) {
      index.computeIfAbsent(d.name(), k -> new ArrayList<>(2)).add(d);
    }
    index.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return index;
  }

  /** The first child named {@code name}, or null. */
  public Directive child(String name) {
    if (block == null) {
      return null;
    }
    for (Directive d : block) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The nearest enclosing block directive with this name, or null. */
  public Directive enclosing(String name) {
    for (Directive p = parent; p != null; p = p.parent) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The names of the enclosing blocks from the outside in, starting with the tree's root
   * context when the tree is a snippet (e.g. [http, server, location]).
   */
  public List<String> contextPath() {
    List<String> names = new ArrayList<>();
    for (Directive p = parent; p != null; p = p.parent) {
      names.add(p.name());
    }
    names.addAll(tree.rootContext().outerNames());
    Collections.reverse(names);
    return names;
  }

  /**
   * The first name of {@link #contextPath} (the outermost block, e.g. "http"), or null when the
   * path is empty; without building the path.
   */
  public String outermostContext() {
    List<String> rootOuter = tree.rootContext().outerNames();
    if (!rootOuter.isEmpty()) {
      return rootOuter.get(rootOuter.size() - 1);
    }
    Directive top = parent;
    if (top == null) {
      return null;
    }
    while (top.parent != null) {
      top = top.parent;
    }
    return top.name();
  }

  /** The context path as people write it: "http > server > location", or "main". */
  public String contextString() {
    List<String> path = contextPath();
    return path.isEmpty() ? "main" : String.join(" > ", path);
  }

  /** The name of the block this directive stands in ("main" at the top of a main config). */
  public String contextName() {
    if (parent != null) {
      return parent.name();
    }
    return tree.rootContext().blockName();
  }

  @Override
  public String toString() {
    return file().displayName() + ":" + span().line() + ":" + span().column() + " " + name();
  }
}
