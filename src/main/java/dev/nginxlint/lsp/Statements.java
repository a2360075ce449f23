package dev.nginxlint.lsp;

import dev.nginxlint.include.ContextInference;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.rules.correctness.DirectiveCheck;
import java.util.List;

/** Finding the statement under the cursor, and the context a position stands in. */
final class Statements {
  private Statements() {}

  /** The statement whose name word holds the offset (the cursor on or just after it), or null. */
  static Statement nameAt(SourceFile file, int offset) {
    List<Statement> level = file.statements();
    while (level != null) {
      Statement inside = null;
      for (Statement s : level) {
        if (offset >= s.nameArg().start() && offset <= s.nameArg().end()) {
          return s;
        }
        if (s.hasBlock() && offset > s.start() && offset < s.end()) {
          inside = s;
        }
      }
      level = inside == null ? null : inside.children();
    }
    return null;
  }

  /** The innermost block statement whose braces hold the offset, or null at the file's top level. */
  static Statement blockAt(SourceFile file, int offset) {
    Statement found = null;
    List<Statement> level = file.statements();
    while (level != null) {
      Statement inside = null;
      for (Statement s : level) {
        if (s.hasBlock() && offset > s.headSpan().end() - 1 && (offset < s.end() || s.closeSpan() == null)) {
          inside = s;
        }
      }
      if (inside == null) {
        break;
      }
      found = inside;
      level = inside.children();
    }
    return found;
  }

  /**
   * The directive-table context (main, http, server, if-in-location, stream-server...) at an
   * offset: inside a block, what that block opens where it stands; at a file's top level, where
   * the file is included from (or, for an entry, the context its contents imply). Null when
   * unknown (a data block such as map or types, a third-party block).
   */
  static String contextAt(Analyzer.Analysis a, int offset) {
    NginxVersion v = a.settings() != null ? a.settings().version() : NginxVersion.DEFAULT;
    Statement block = blockAt(a.file(), offset);
    if (block != null) {
      Directive d = directiveOf(a, block);
      if (d == null) {
        return null;
      }
      if (d.isDataBlock()) {
        return null;
      }
      String outer = DirectiveCheck.contextOf(d, v);
      return outer == null ? null : DirectiveCheck.opens(d.name(), outer, v);
    }
    if (a.set() != null) {
      for (ConfigTree t : a.set().trees()) {
        if (t.entry() == a.file()) {
          return ContextInference.tableName(t.rootContext());
        }
      }
      Directive[] inc = new Directive[1];
      for (ConfigTree t : a.set().trees()) {
        t.walk(d -> {
          if (inc[0] == null && d.file() == a.file() && d.includedBy() != null) {
            inc[0] = d.includedBy();
          }
        });
      }
      if (inc[0] != null) {
        return DirectiveCheck.contextOf(inc[0], v);
      }
    }
    return ContextInference.tableName(ContextInference.infer(a.file().statements()));
  }

  /** The tree's directive made from a statement of the analysed file, or null. */
  static Directive directiveOf(Analyzer.Analysis a, Statement s) {
    if (a.set() == null) {
      return null;
    }
    Directive[] found = new Directive[1];
    for (ConfigTree t : a.set().trees()) {
      if (!t.files().contains(a.file())) {
        continue;
      }
      t.walk(d -> {
        if (found[0] == null && d.statement() == s) {
          found[0] = d;
        }
      });
      if (found[0] != null) {
        break;
      }
    }
    return found[0];
  }
}
