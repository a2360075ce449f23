package dev.nginxlint.include;

import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one analysed tree from an entry file: each statement placed under its block, each
 * include replaced by what it reads (standing in the include's parent block), include cycles
 * and runaway fan-outs stopped and reported. Iterative, so deep nesting needs no deep stack.
 */
final class TreeAssembler {
  /** Stops a runaway include fan-out (a.conf including b.conf twice, b.conf c.conf twice, ...). */
  private static final int MAX_PLACED = 20_000_000;
  /** Deeper include chains than this are surely a mistake (nginx has no limit but the stack). */
  private static final int MAX_INCLUDE_DEPTH = 200;

  private final FileSource src;
  private final FileParser files;
  private final IncludeResolver includes;

  TreeAssembler(FileSource src, FileParser files, IncludeResolver includes) {
    this.src = src;
    this.files = files;
    this.includes = includes;
  }

  /** Statements still to place: a block's children, or a file's top level (included or not). */
  private static final class Work {
    final Statement[] list;
    final Directive parent;
    final Directive includedBy;
    final Path pushedFile;
    /** The block this work fills (closed when it is done); null for a file's statements. */
    final Directive fills;
    int next;
    boolean started;

    Work(Statement[] list, Directive parent, Directive includedBy, Path pushedFile, Directive fills) {
      this.list = list;
      this.parent = parent;
      this.includedBy = includedBy;
      this.pushedFile = pushedFile;
      this.fills = fills;
    }
  }

  /** A main config's tree (or one whose root context is known): includes against {@code confDir}. */
  ConfigTree build(LoadSession session, Path entryPath, Context root, Path confDir)
      throws ConfigLoader.InputException {
    return build(session, entryPath, root, confDir, true, false);
  }

  /**
   * As above; {@code rootKnown} false: confDir is a guess (a lone snippet's own directory);
   * {@code inferred}: the root context was guessed from the entry's directives, so the tree
   * records every context the entry could stand in.
   */
  ConfigTree build(LoadSession session, Path entryPath, Context root, Path confDir, boolean rootKnown,
      boolean inferred) throws ConfigLoader.InputException {
    SourceFile entry = files.entry(session, entryPath);
    ConfigTree tree = inferred ? new ConfigTree(entry, root, ContextInference.possible(entry.statements(), root))
        : new ConfigTree(entry, root);
    tree.addFile(entry);
    Path entryId = src.identity(entryPath);
    session.markReached(entryId);
    // the files being read right now, outermost first: an include of one of them is a cycle
    Set<Path> chain = new LinkedHashSet<>();
    Deque<Work> work = new ArrayDeque<>();
    work.push(new Work(entry.statements().toArray(new Statement[0]), null, null, entryId, null));
    long placed = 0;
    boolean capped = false;
    while (!work.isEmpty()) {
      Work w = work.peek();
      if (!w.started) {
        w.started = true;
        if (w.pushedFile != null) {
          chain.add(w.pushedFile);
        }
      }
      if (w.next >= w.list.length) {
        work.pop();
        if (w.pushedFile != null) {
          chain.remove(w.pushedFile);
        }
        if (w.fills != null) {
          tree.closeBlock(w.fills);
        }
        continue;
      }
      Statement s = w.list[w.next++];
      Directive d = tree.place(s, w.parent, w.includedBy);
      placed++;
      if (s.hasBlock()) {
        Statement[] kids = s.childArray();
        if (kids.length == 0) {
          tree.closeBlock(d);
        } else {
          work.push(new Work(kids, d, null, null, d));
        }
        continue;
      }
      if (!IncludeResolver.isInclude(s)) {
        continue;
      }
      if (placed > MAX_PLACED) {
        if (!capped) {
          session.problem(Diagnostic.INCLUDE_NOT_FOUND, s, "include expansion stopped: more than " + MAX_PLACED
              + " directives (an include fans out without end?)");
          capped = true;
        }
        continue;
      }
      // included directives stand where the include stands: in the include's parent block
      List<Path> matches = includes.resolve(session, s, confDir, rootKnown);
      files.prefetch(session, matches);
      for (int i = matches.size() - 1; i >= 0; i--) {
        Path f = matches.get(i);
        Path id = src.identity(f);
        if (chain.contains(id)) {
          session.problem(Diagnostic.INCLUDE_CYCLE, s, "include cycle: " + cycleText(chain, id)
              + " (nginx itself would crash with a stack overflow)");
          continue;
        }
        if (chain.size() >= MAX_INCLUDE_DEPTH) {
          session.problem(Diagnostic.INCLUDE_CYCLE, s, "includes nested more than " + MAX_INCLUDE_DEPTH + " deep");
          continue;
        }
        SourceFile sf;
        try {
          sf = files.read(session, f);
        } catch (IOException e) {
          String spec = s.args().get(0).value();
          // a glob's match is named by its path, as nginx names the file it failed to read
          String shown = Glob.hasMeta(spec) ? f.toString() : spec;
          session.problem(Diagnostic.INCLUDE_NOT_FOUND, s, e instanceof NioFileSource.NotRegularFileException n
              ? n.message(shown) : "open() \"" + shown + "\" failed (" + IoReasons.of(e) + ")");
          continue;
        }
        tree.addFile(sf);
        tree.markIncludeRead(d);
        session.markReached(id);
        // pushed last-first so the first match is read first; each joins the chain when it starts
        work.push(new Work(sf.statements().toArray(new Statement[0]), w.parent, d, id, null));
      }
    }
    if (inferred && !ContextInference.saysWhere(entry.statements())) {
      // a snippet of only includes: what they bring in says where the snippet belongs
      List<Statement> expanded = new ArrayList<>();
      for (Directive d : tree.directives()) {
        expanded.add(d.statement());
      }
      if (ContextInference.saysWhere(expanded)) {
        Context better = ContextInference.infer(expanded);
        tree.refineRoot(better, ContextInference.possible(expanded, better));
      }
    }
    tree.seal();
    return tree;
  }

  private String cycleText(Set<Path> chain, Path again) {
    List<String> names = new ArrayList<>();
    boolean on = false;
    for (Path p : chain) {
      on |= p.equals(again);
      if (on) {
        names.add(src.displayName(p));
      }
    }
    names.add(src.displayName(again));
    return String.join(" -> ", names);
  }
}
