package dev.nginxlint.rules.correctness;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** Walks shared by the correctness rules. */
final class Checks {
  private Checks() {}

  /**
   * Every directive nginx would hand to ngx_conf_handler, with its table context: data-block
   * entries and the insides of blocks of unknown context (third-party, misplaced) are skipped.
   */
  static void each(ConfigTree tree, RuleContext ctx, BiConsumer<Directive, String> visitor) {
    NginxVersion v = ctx.version();
    java.util.Map<Directive, String> opened = new java.util.IdentityHashMap<>();
    tree.walk(d -> {
      if (d.isDataEntry()) {
        return;
      }
      String where;
      if (d.parent() == null) {
        where = dev.nginxlint.include.ContextInference.tableName(tree.rootContext());
      } else {
        where = opened.get(d.parent());
      }
      if (where == null) {
        return;
      }
      if (d.hasBlock() && !d.isDataBlock()) {
        String inner = DirectiveCheck.opens(d.name(), where, v);
        if (inner != null) {
          opened.put(d, inner);
        }
      }
      visitor.accept(d, where);
    });
  }

  static String allowedContexts(String name, NginxVersion v) {
    Set<String> all = new LinkedHashSet<>();
    for (DirectiveSpec s : DirectiveTable.get().lookup(name)) {
      if (DirectiveCheck.existsIn(s, v)) {
        all.addAll(new java.util.TreeSet<>(DirectiveCheck.shapeAt(s, v).contexts()));
      }
    }
    return String.join(", ", all);
  }

  static String describeMask(String mask) {
    List<String> parts = new ArrayList<>();
    for (String m : mask.split("\\|")) {
      parts.add(switch (m) {
        case "NOARGS" -> "no arguments";
        case "FLAG" -> "1 argument (on or off)";
        case "1MORE" -> "1 or more arguments";
        case "2MORE" -> "2 or more arguments";
        case "ANY" -> "any number of arguments";
        default -> {
          String digits = m.substring(4);
          yield String.join(" or ", digits.split("")) + (digits.equals("1") ? " argument" : " arguments");
        }
      });
    }
    return String.join(" or ", parts);
  }
}
