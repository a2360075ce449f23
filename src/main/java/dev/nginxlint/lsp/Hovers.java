package dev.nginxlint.lsp;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.model.Statement;
import dev.nginxlint.rules.RuleDocs;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/** Hover texts: a finding's rule page, a directive's row of nginx's directive table. */
final class Hovers {
  private Hovers() {}

  /** What to show at a byte offset of the analysed file, or null. */
  static Hover at(Analyzer.Analysis a, int offset) {
    StringBuilder md = new StringBuilder();
    for (Finding f : a.findings()) {
      if (offset >= f.span().start() && offset <= f.span().end()) {
        appendFinding(md, f);
      }
    }
    Statement s = Statements.nameAt(a.file(), offset);
    if (s != null) {
      appendDirective(md, s.name(), contextOf(a, s));
    }
    if (md.length() == 0) {
      return null;
    }
    return new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString().strip()));
  }

  private static void appendFinding(StringBuilder md, Finding f) {
    md.append("**").append(f.rule()).append("** (").append(f.severity().label()).append("): ")
        .append(f.message()).append("\n\n");
    String page = RuleDocs.read(f.rule());
    if (page != null) {
      md.append(explanation(page)).append("\n\n---\n\n");
    }
  }

  /** The page's "What it does" and "Why is this bad?" sections (the rest is examples and options). */
  static String explanation(String page) {
    StringBuilder out = new StringBuilder();
    boolean keep = false;
    for (String line : page.split("\n", -1)) {
      if (line.startsWith("## ")) {
        keep = line.equals("## What it does") || line.equals("## Why is this bad?");
      } else if (line.startsWith("# ")) {
        keep = false;
      }
      if (keep) {
        out.append(line.startsWith("## ") ? "#### " + line.substring(3) : line).append('\n');
      }
    }
    return out.length() > 0 ? out.toString().strip() : page.strip();
  }

  /** The table context the statement stands in, or null when unknown. */
  private static String contextOf(Analyzer.Analysis a, Statement s) {
    dev.nginxlint.model.Directive d = Statements.directiveOf(a, s);
    if (d == null) {
      return null;
    }
    return dev.nginxlint.rules.correctness.DirectiveCheck.contextOf(d,
        a.settings() != null ? a.settings().version() : dev.nginxlint.lint.NginxVersion.DEFAULT);
  }

  /** The rows of a name; only those allowed in {@code context} when there are any (server in upstream{}). */
  private static void appendDirective(StringBuilder md, String name, String context) {
    List<DirectiveSpec> rows = DirectiveTable.get().lookup(name);
    List<DirectiveSpec> here = new java.util.ArrayList<>();
    for (DirectiveSpec s : rows) {
      if (context != null && s.allowedIn(context)) {
        here.add(s);
      }
    }
    for (DirectiveSpec s : here.isEmpty() ? rows : here) {
      md.append("**").append(s.name()).append("** — `").append(s.module()).append("`");
      if (s.removed()) {
        md.append(" (removed in ").append(s.removedIn()).append(')');
      }
      md.append("\n\n");
      md.append("- contexts: ").append(String.join(", ", new TreeSet<>(s.contexts()))).append('\n');
      md.append("- arguments: ").append(arguments(s)).append(s.block() ? ", opens a block" : "").append('\n');
      String def = DirectiveTable.get().column(s, "docs_default");
      if (!def.isEmpty()) {
        md.append("- default: `").append(name).append(' ').append(def).append(";`\n");
      }
      md.append("- since: ").append(s.since().isEmpty() ? "?" : s.since());
      if (!s.history().isEmpty()) {
        md.append("; changes: ").append(s.history().replace(";", ", "));
      }
      md.append('\n');
      if (!s.deprecated().isEmpty()) {
        md.append("- ").append(s.deprecated()).append('\n');
      }
      md.append("- build: ").append(s.build()).append('\n');
      md.append("\n[nginx docs](").append(s.docsUrl()).append(")\n\n");
    }
  }

  private static String arguments(DirectiveSpec s) {
    if (s.isFlag()) {
      return "on | off";
    }
    String max = s.maxArgs() < 0 ? "any number" : String.valueOf(s.maxArgs());
    if (s.minArgs() == s.maxArgs()) {
      return s.minArgs() + " (" + s.argsMask() + ")";
    }
    return s.minArgs() + " to " + max + " (" + s.argsMask() + ")";
  }
}
