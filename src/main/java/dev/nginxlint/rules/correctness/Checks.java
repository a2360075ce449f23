package dev.nginxlint.rules.correctness;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
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
    // the table context each block opens, by the block's place in the tree
    String[] opened = new String[tree.size()];
    tree.walk(d -> {
      if (d.isDataEntry()) {
        return;
      }
      String where;
      if (d.parent() == null) {
        where = dev.nginxlint.include.ContextInference.tableName(tree.rootContext());
      } else {
        where = opened[d.parent().ordinal()];
      }
      if (where == null) {
        return;
      }
      if (d.hasBlock() && !d.isDataBlock()) {
        String inner = DirectiveCheck.opens(d.name(), where, v);
        opened[d.ordinal()] = inner;
      }
      visitor.accept(d, where);
    });
  }

  /** One directive with its table context and nginx's verdict on it. */
  interface VerdictVisitor {
    void visit(Directive d, String where, DirectiveCheck.Result result);
  }

  private record Checked(Directive directive, String where, DirectiveCheck.Result result) {}

  private static final Object VERDICTS = new Object();

  /**
   * Every directive with its verdict, apart those nginx rejects (few, in a working config), and
   * each directive's verdict by its ordinal (null: not one {@link #each} visits).
   */
  private record Verdicts(List<Checked> all, List<Checked> rejected, DirectiveCheck.Result[] byOrdinal) {}

  private static Verdicts verdicts(ConfigTree tree, RuleContext ctx) {
    return ctx.shared(VERDICTS, () -> {
      List<Checked> all = new ArrayList<>();
      List<Checked> rejected = new ArrayList<>();
      DirectiveCheck.Result[] byOrdinal = new DirectiveCheck.Result[tree.size()];
      each(tree, ctx, (d, where) -> {
        Checked c = new Checked(d, where, DirectiveCheck.verdict(d, where, ctx.version()));
        if (c.result().verdict() != DirectiveCheck.Verdict.OK && tree.possibleRoots().size() > 1) {
          // a snippet's context is a guess: nginx rejects the directive only if it does so in
          // every context the file could be included in (an `if` block fits server and location)
          Checked elsewhere = acceptedElsewhere(d, tree, ctx.version());
          if (elsewhere != null) {
            c = elsewhere;
          }
        }
        all.add(c);
        byOrdinal[d.ordinal()] = c.result();
        if (c.result().verdict() != DirectiveCheck.Verdict.OK) {
          rejected.add(c);
        }
      });
      return new Verdicts(all, rejected, byOrdinal);
    });
  }

  /** The directive checked under another possible root of the tree where nginx accepts it, or null. */
  private static Checked acceptedElsewhere(Directive d, ConfigTree tree, NginxVersion v) {
    for (Context root : tree.possibleRoots()) {
      if (root == tree.rootContext()) {
        continue;
      }
      String where = contextUnder(d, root, v);
      if (where == null) {
        continue;
      }
      DirectiveCheck.Result r = DirectiveCheck.verdict(d, where, v);
      if (r.verdict() == DirectiveCheck.Verdict.OK) {
        return new Checked(d, where, r);
      }
    }
    return null;
  }

  /** As {@link DirectiveCheck#contextOf}, with the tree's top level standing in {@code root}. */
  private static String contextUnder(Directive d, Context root, NginxVersion v) {
    Directive p = d.parent();
    if (p == null) {
      return dev.nginxlint.include.ContextInference.tableName(root);
    }
    if (p.isDataBlock()) {
      return null;
    }
    String outer = contextUnder(p, root, v);
    return outer == null ? null : DirectiveCheck.opens(p.name(), outer, v);
  }

  /** The verdict {@link #eachVerdict} gives this directive of the tree; null when it visits none. */
  static DirectiveCheck.Result verdictOf(Directive d, ConfigTree tree, RuleContext ctx) {
    return verdicts(tree, ctx).byOrdinal()[d.ordinal()];
  }

  /**
   * Every directive of {@link #each} with its verdict, computed once per tree for all the
   * correctness rules (they differ only in which verdict they report).
   */
  static void eachVerdict(ConfigTree tree, RuleContext ctx, VerdictVisitor visitor) {
    for (Checked c : verdicts(tree, ctx).all()) {
      visitor.visit(c.directive(), c.where(), c.result());
    }
  }

  /** As {@link #eachVerdict}, for the directives whose verdict is not OK only. */
  static void eachRejected(ConfigTree tree, RuleContext ctx, VerdictVisitor visitor) {
    for (Checked c : verdicts(tree, ctx).rejected()) {
      visitor.visit(c.directive(), c.where(), c.result());
    }
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
