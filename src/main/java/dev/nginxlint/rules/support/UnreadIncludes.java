package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.List;

/**
 * Includes that brought nothing into the tree (file not found, outside the checked files, made at
 * deploy time): their content may set what a rule finds missing. Rules still report (a missing
 * file must never silence an unrelated finding) and say in the message which include could
 * change the verdict, so the operator who knows that file decides.
 */
public final class UnreadIncludes {
  private static final Object NEAREST = new Object();
  private static final Object NEAREST_TOP = new Object();

  private UnreadIncludes() {}

  /**
   * The nearest include that brought in nothing, on the levels from {@code at}'s parent up to
   * {@code stop} (excluded; null: up to and including the top of the tree), or null. When one
   * of the unread includes on the way is named for one of {@code topics} (proxy.conf,
   * resolver.conf), that one: it is the file that sets the setting in practice.
   */
  public static Directive nearest(Directive at, Directive stop, RuleContext ctx, String... topics) {
    Directive first = null;
    for (Directive level = at.parent(); ; level = level.parent()) {
      if (stop != null && level == stop) {
        return first;
      }
      // (most levels have no include at all, which the level's name index says at once)
      List<Directive> unread = level == null
          ? ctx.shared(NEAREST_TOP, () -> allUnread(ctx.tree().directives()))
          : ctx.childrenNamed(level, "include").isEmpty() ? List.of()
          : ctx.perDirective(NEAREST, level, b -> allUnread(b.block()));
      for (Directive d : unread) {
        if (first == null) {
          first = d;
        }
        if (namedFor(d, topics)) {
          return d;
        }
      }
      if (level == null) {
        return first;
      }
    }
  }

  /** The first include among {@code block}'s own lines that brought in nothing, or null. */
  public static Directive inBlock(Directive block, RuleContext ctx) {
    if (block == null || !block.hasBlock() || ctx.childrenNamed(block, "include").isEmpty()) {
      return null;
    }
    List<Directive> unread = ctx.perDirective(NEAREST, block, b -> allUnread(b.block()));
    return unread.isEmpty() ? null : unread.get(0);
  }

  /**
   * The clause a message ends with when {@code include} (may be null) could set {@code what}:
   * empty when there is no such include.
   */
  public static String caveat(Directive include, String what) {
    return include == null ? ""
        : ", unless \"" + include.arg(0) + "\" (not read here) sets " + what;
  }

  /**
   * True when the include's file name speaks of one of {@code topics} (proxy.conf, proxy_params,
   * resolver.conf, timeouts.conf): such a file sets what the rule is about in practice, and a
   * finding that only holds if it does not would be noise.
   */
  public static boolean namedFor(Directive include, String... topics) {
    if (include == null || include.arg(0) == null) {
      return false;
    }
    String spec = include.arg(0);
    String name = spec.substring(spec.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    for (String t : topics) {
      if (name.contains(t)) {
        return true;
      }
    }
    return false;
  }

  private static List<Directive> allUnread(List<Directive> kids) {
    List<Directive> out = new java.util.ArrayList<>(1);
    for (int i = 0; kids != null && i < kids.size(); i++) {
      Directive d = kids.get(i);
      // included directives follow their include directly in the block
      if (d.name().equals("include") && !d.hasBlock()
          && (i + 1 == kids.size() || kids.get(i + 1).includedBy() != d) && !emptyGlobOfTheTree(d)) {
        out.add(d);
      }
    }
    return out.isEmpty() ? List.of() : out;
  }

  /**
   * A glob that matched nothing in the checked tree itself (relative, or under /etc/nginx/,
   * which a checked tree reads from itself): nginx includes nothing there either, so it hides
   * nothing (conf.d/*.conf in a tree without such files). A glob elsewhere (a deploy-time
   * directory such as /data/nginx/custom/http[.]conf) may be filled in later and still counts.
   */
  private static boolean emptyGlobOfTheTree(Directive include) {
    String spec = include.arg(0);
    // nginx takes an include as a glob when it holds one of *?[ (ngx_conf_include)
    return spec != null && (spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 || spec.indexOf('[') >= 0)
        && (!spec.startsWith("/") || spec.startsWith("/etc/nginx/"));
  }
}
