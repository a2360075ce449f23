package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.Levels;
import dev.nginxlint.rules.support.UnreadIncludes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A block that sets its own proxy_set_header list and thereby drops headers an outer level
 * set: nginx inherits the list only when a level sets none, so one line discards them all.
 */
@Rule(id = "proxy-set-header-inheritance", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class ProxySetHeaderInheritance implements DirectiveRule {

  private static final String NAME = "proxy_set_header";

  @Override
  public Set<String> directives() {
    return Set.of(NAME);
  }

  @Override
  public void check(Directive header, RuleContext ctx) {
    Directive block = header.parent();
    // the top of the tree has no outer level to inherit from
    if (block == null) {
      return;
    }
    List<Directive> own = ctx.childrenNamed(block, NAME);
    // the block is examined once, at its first proxy_set_header
    if (own.isEmpty() || own.get(0) != header) {
      return;
    }
    Directive outerLevel = ctx.arrayLevel(block.parent(), NAME);
    List<Directive> outer = ctx.effectiveArrayIn(block.parent(), NAME);
    // no outer level sets any header: nothing can be dropped
    if (outer.isEmpty()) {
      return;
    }
    Directive unread = UnreadIncludes.nearest(header, outerLevel == null ? null : outerLevel.parent(), ctx, "proxy", "header");
    // an unread include in the block or up to the outer list, named for headers (proxy.conf,
    // proxy_headers.conf), repeats them in practice; another one is named in the message
    if (UnreadIncludes.namedFor(unread, "proxy", "header")) {
      return;
    }
    Set<String> kept = new HashSet<>();
    for (Directive d : own) {
      if (d.argCount() >= 1) {
        kept.add(d.arg(0).toLowerCase(Locale.ROOT));
      }
    }
    List<String> dropped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Directive d : outer) {
      if (d.argCount() < 1) {
        continue;
      }
      String key = d.arg(0).toLowerCase(Locale.ROOT);
      if (!kept.contains(key) && seen.add(key)) {
        dropped.add(d.arg(0));
      }
    }
    // the block repeats every outer header (an empty value is a deliberate removal)
    if (dropped.isEmpty()) {
      return;
    }
    // a header list pulled in by "include" is reported at the include written in the block
    Directive at = header;
    while (at.includedBy() != null && at.includedBy().parent() == block) {
      at = at.includedBy();
    }
    String where = (outerLevel == null ? ctx.rootContext().blockName() : outerLevel.name()) + " level";
    boolean one = dropped.size() == 1;
    ctx.report(this, at, describe(block) + " sets its own proxy_set_header list, so the "
        + String.join(", ", dropped) + (one ? " header" : " headers") + " set at " + where
        + (one ? " is" : " are") + " no longer sent; repeat " + (one ? "it" : "them")
        + " here or include a shared file" + UnreadIncludes.caveat(unread, "them"), fix(block, at, outer, outerLevel, dropped));
  }

  /**
   * Unsafe: copies the dropped outer lines, verbatim and in their outer order, before the
   * block's first proxy_set_header (or include). An outer include whose every line is dropped
   * (and that holds only proxy_set_header) is copied as that include line.
   */
  private static Fix fix(Directive block, Directive at, List<Directive> outer, Directive outerLevel,
      List<String> dropped) {
    // proxy_set_header is not allowed in "if" (nginx rejects the block already); never write there
    if (block.name().equals("if") || at.parent() != block || at.file() != block.file()) {
      return null;
    }
    Set<String> gone = new HashSet<>();
    for (String name : dropped) {
      gone.add(name.toLowerCase(Locale.ROOT));
    }
    List<String> lines = new ArrayList<>();
    List<Directive> copiedIncludes = new ArrayList<>();
    for (Directive d : outer) {
      if (d.argCount() < 1 || !gone.contains(d.arg(0).toLowerCase(Locale.ROOT))) {
        continue;
      }
      Directive holder = Levels.holderAt(d, outerLevel);
      if (holder == null) {
        return null;
      }
      if (holder == d) {
        lines.add(Edits.textOf(d));
      } else if (holder.name().equals("include") && wholeIncludeDropped(holder, outerLevel, gone)) {
        if (!copiedIncludes.contains(holder)) {
          copiedIncludes.add(holder);
          lines.add(Edits.textOf(holder));
        }
      } else {
        lines.add(Edits.textOf(d));
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    List<TextEdit> edits = new ArrayList<>();
    for (String line : lines) {
      edits.add(Edits.insertBefore(at, line));
    }
    return Fix.unsafe("copy the dropped outer headers into the " + block.name()
        + " (a snapshot: later edits of the outer list no longer reach it)", edits);
  }

  /** True when every directive an outer include brought in is a proxy_set_header this block drops. */
  private static boolean wholeIncludeDropped(Directive include, Directive level, Set<String> gone) {
    List<Directive> kids = level.block();
    boolean any = false;
    for (Directive k : kids) {
      if (k == include || Levels.holderAt(k, level) != include) {
        continue;
      }
      if (!k.name().equals(NAME) || k.argCount() < 1 || !gone.contains(k.arg(0).toLowerCase(Locale.ROOT))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static String describe(Directive block) {
    if (block.name().equals("location") && block.argCount() > 0) {
      StringBuilder sb = new StringBuilder("location");
      for (var a : block.args()) {
        sb.append(' ').append(a.raw());
      }
      return sb.toString();
    }
    return block.name();
  }
}
