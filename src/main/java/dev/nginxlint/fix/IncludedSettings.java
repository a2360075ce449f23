package dev.nginxlint.fix;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import java.util.List;

/**
 * What the includes of a block may set, for edits that add a directive to it: a file included
 * there that is not read here (a missing file, a glob without a match, a path filled in at
 * deploy time such as /data/nginx/custom/events[.]conf) may set the same directive, and a
 * second one is then "is duplicate" at deploy time, or silently overrides or joins it.
 */
final class IncludedSettings {
  private IncludedSettings() {}

  /**
   * The caveat for adding {@code name} to {@code level} (null: the tree's top level) of
   * {@code tree}, written into {@code target}; null when the includes there cannot clash.
   */
  static Caveat adding(ConfigTree tree, Directive level, SourceFile target, String name, boolean block) {
    List<DirectiveSpec> specs = DirectiveTable.get().lookup(name);
    boolean duplicateIsError = false;
    for (DirectiveSpec s : specs) {
      duplicateIsError |= s.duplicateIsError();
    }
    // a new upstream/server/location block clashes with nothing an include sets (its name is new)
    if (block && !duplicateIsError) {
      return null;
    }
    List<Directive> siblings = level == null ? tree.directives() : level.block();
    if (siblings == null) {
      return null;
    }
    List<Directive> same = level == null ? sameName(siblings, name) : level.childrenIndexed(name);
    for (Directive d : same) {
      // already set by an included file here: a second one breaks nginx -t or overrides it
      if (d.file() != target && duplicateIsError) {
        return new Caveat(Applicability.DISPLAY_ONLY, name + " is already set here in "
            + d.file().displayName() + ":" + d.span().line() + ", and a second one is an error");
      }
    }
    // the level sets it already: an include that set it too would make today's config fail
    if (duplicateIsError && !same.isEmpty()) {
      return null;
    }
    Directive unknown = unknownInclude(tree, level, name);
    if (unknown != null) {
      return new Caveat(Applicability.UNSAFE, where(tree, level) + " includes " + unknown.arg(0) + " ("
          + unknown.file().displayName() + ":" + unknown.span().line() + "), which brings nothing in here (a missing"
          + " file, a glob without a match, or one filled in at deploy time) and may set " + name + " too");
    }
    // an outer level's unknown include may set it for this level too: the new one would override the author's value
    for (Directive outer = level == null ? null : level.parent(); ; outer = outer.parent()) {
      if (outer != null ? allowedIn(specs, outer.name()) : level != null && allowedIn(specs, tree.rootContext().blockName())) {
        Directive include = unknownInclude(tree, outer, name);
        if (include != null) {
          return new Caveat(Applicability.UNSAFE, where(tree, outer) + " includes " + include.arg(0) + " ("
              + include.file().displayName() + ":" + include.span().line() + "), which brings nothing in here"
              + " (a missing file, a glob without a match, or one filled in at deploy time) and may set " + name
              + " for the level below, which the new one would override");
        }
      }
      if (outer == null) {
        return null;
      }
    }
  }

  private static String where(ConfigTree tree, Directive level) {
    return level == null ? "the " + tree.rootContext().blockName() + " context" : level.name() + " {}";
  }

  private static boolean allowedIn(List<DirectiveSpec> specs, String context) {
    for (DirectiveSpec s : specs) {
      if (s.allowedIn(context)) {
        return true;
      }
    }
    return false;
  }

  /** An include at {@code level} (null: the top) that read no file here, or null. */
  private static Directive unknownInclude(ConfigTree tree, Directive level, String name) {
    List<Directive> includes = level == null ? sameName(tree.directives(), "include") : level.childrenIndexed("include");
    for (Directive include : includes) {
      if (include.argCount() == 1 && !tree.includeRead(include) && !loadsModulesOnly(include, level, name)) {
        return include;
      }
    }
    return null;
  }

  private static List<Directive> sameName(List<Directive> siblings, String name) {
    List<Directive> out = new java.util.ArrayList<>(2);
    for (Directive d : siblings) {
      if (d.name().equals(name)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Debian's main-context include of modules-enabled/*.conf: its files are written by the module
   * packages and hold load_module lines only.
   */
  private static boolean loadsModulesOnly(Directive include, Directive level, String name) {
    String spec = include.arg(0);
    return level == null && !name.equals("load_module")
        && (spec.endsWith("/modules-enabled/*.conf") || spec.equals("modules-enabled/*.conf"));
  }
}
