package dev.nginxlint.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The analysed tree of one entry point: a main config with everything it includes, or a snippet
 * checked on its own in the context its directives belong to.
 */
public final class ConfigTree {
  private final SourceFile entry;
  private Context rootContext;
  private final List<Directive> top = new ArrayList<>();
  private final List<SourceFile> files = new ArrayList<>();
  private boolean sealed;
  /** Null: findings anywhere in the tree count; else only those in these files (see below). */
  private java.util.Set<SourceFile> reportedFiles;

  /** The root contexts the entry could stand in; more than one when the root is a guess. */
  private java.util.Set<Context> possibleRoots;

  public ConfigTree(SourceFile entry, Context rootContext) {
    this(entry, rootContext, java.util.Set.of(rootContext));
  }

  /**
   * A tree whose root context was inferred as {@code rootContext} from the entry's directives,
   * which {@code possibleRoots} (holding it) would all admit: a snippet's real place is unknown.
   */
  public ConfigTree(SourceFile entry, Context rootContext, java.util.Set<Context> possibleRoots) {
    this.entry = entry;
    this.rootContext = rootContext;
    this.possibleRoots = java.util.Set.copyOf(possibleRoots);
  }

  public SourceFile entry() { return entry; }
  public Context rootContext() { return rootContext; }
  /**
   * Every context the entry could be included in (the inferred root among them): a structural
   * finding holds only when nginx would reject the directive in all of them.
   */
  public java.util.Set<Context> possibleRoots() { return possibleRoots; }
  /** A complete nginx.conf (main context), as opposed to a snippet. */
  public boolean isMain() { return rootContext == Context.MAIN; }
  public List<Directive> directives() { return top; }
  /** Every file read for this tree, the entry first. */
  public List<SourceFile> files() { return files; }

  /**
   * Findings are reported only in {@code files}: the tree is a main config read only to give
   * snippets the user named their real context, and its other files are not the user's concern.
   */
  public void reportOnlyIn(java.util.Set<SourceFile> files) {
    reportedFiles = java.util.Set.copyOf(files);
  }

  /** Whether findings located in {@code file} are reported for this tree. */
  public boolean reports(SourceFile file) {
    return reportedFiles == null || reportedFiles.contains(file);
  }

  public boolean hasSyntaxErrors() {
    for (SourceFile f : files) {
      if (f.hasErrors()) {
        return true;
      }
    }
    return false;
  }

  /** Visits every directive of the tree in file order, without recursion (trees can be deep). */
  public void walk(Consumer<Directive> visitor) {
    // an array stack: this runs over every directive of a big tree, several times per check
    Directive[] stack = new Directive[Math.max(16, top.size())];
    int n = 0;
    for (int i = top.size() - 1; i >= 0; i--) {
      stack[n++] = top.get(i);
    }
    while (n > 0) {
      Directive d = stack[--n];
      stack[n] = null;
      visitor.accept(d);
      if (d.hasBlock()) {
        Directive[] kids = d.kids();
        if (kids == null) {
          kids = d.block().toArray(new Directive[0]); // a block not closed yet
        }
        if (n + kids.length > stack.length) {
          stack = java.util.Arrays.copyOf(stack, Math.max(stack.length * 2, n + kids.length));
        }
        for (int i = kids.length - 1; i >= 0; i--) {
          stack[n++] = kids[i];
        }
      }
    }
  }

  // ---- building (used by the include resolver only) ----

  /** Places a statement in the tree under {@code parent} (null for the top). */
  public Directive place(Statement statement, Directive parent, Directive includedBy) {
    if (sealed) {
      throw new IllegalStateException("tree already built");
    }
    Directive d = new Directive(statement, parent, includedBy, this);
    // the builder places directives in reading order, which is the walk's order
    d.setOrdinal(size++);
    if (d.hasBlock()) {
      openBlocks++;
    }
    if (parent == null) {
      top.add(d);
    } else {
      parent.addChild(d);
    }
    return d;
  }

  /** Blocks placed and not yet closed (see {@link #closeBlock}). */
  private int openBlocks;

  /**
   * Says that a block has all its children (its own and those of the files it includes): the
   * builder calls this as it finishes each block, so {@link #seal} has no walk to do.
   */
  public void closeBlock(Directive block) {
    if (!block.blockClosed()) {
      block.closeBlock();
      openBlocks--;
    }
  }

  /**
   * Replaces a guessed root context while the tree is built: a snippet of only includes says
   * where it belongs through the files it includes (h5bp's basic.conf: server-level lines).
   */
  public void refineRoot(Context root, java.util.Set<Context> possible) {
    if (sealed) {
      throw new IllegalStateException("tree already built");
    }
    rootContext = root;
    possibleRoots = java.util.Set.copyOf(possible);
  }

  /** Ordinals of the include directives that read at least one file (see {@link #includeRead}). */
  private final java.util.BitSet includesRead = new java.util.BitSet();

  /** Records that {@code include} read a file (which may hold no directive at all). */
  public void markIncludeRead(Directive include) {
    includesRead.set(include.ordinal());
  }

  /**
   * Whether an include read a file here: false for a missing file or a glob without a match,
   * whose content (a deploy-time file) is not known.
   */
  public boolean includeRead(Directive include) {
    return include.tree() == this && include.ordinal() >= 0 && includesRead.get(include.ordinal());
  }

  public void addFile(SourceFile file) {
    if (!files.contains(file)) {
      files.add(file);
    }
  }

  public void seal() {
    if (openBlocks > 0) {
      walk(d -> closeBlock(d)); // (the walk reads a block's children after closing it)
    }
    sealed = true;
  }

  private int size;

  /** How many directives the sealed tree has: their {@link Directive#ordinal}s are 0 to size - 1. */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return entry.displayName() + " (" + rootContext.label() + ")";
  }
}
