package dev.nginxlint.rules.reliability;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.DirectiveRule;
import dev.nginxlint.rules.FixAvailability;
import dev.nginxlint.rules.Rule;
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
    fix = FixAvailability.NONE)
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
    // an include that could not be read, in the block or up to the outer list, may hold headers
    if (ProxyHttpVersion.unreadIncludeOnPath(header, outerLevel == null ? null : outerLevel.parent(), ctx)) {
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
        + " here or include a shared file");
  }

  private static String describe(Directive block) {
    if (block.name().equals("location") && block.argCount() > 0) {
      return "location " + String.join(" ", block.args().stream().map(a -> a.raw()).toList());
    }
    return block.name();
  }
}
