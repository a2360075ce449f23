package dev.nginxlint.lsp;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.rules.correctness.DirectiveCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;

/** Directive names allowed where the cursor stands; upstream names after `proxy_pass http://`. */
final class Completions {
  private Completions() {}

  /** `proxy_pass http://` (or https://) and the start of a name, up to the cursor. */
  private static final Pattern UPSTREAM_REF = Pattern.compile("\\bproxy_pass\\s+https?://([A-Za-z0-9_.-]*)$");
  /** A directive name being typed: only blanks, or a `;`, `{` or `}` before it on its line. */
  private static final Pattern DIRECTIVE_START = Pattern.compile("(?:^|[;{}])\\s*([A-Za-z0-9_]*)$");

  static List<CompletionItem> at(Analyzer.Analysis a, int offset) {
    int lineStart = a.file().lines().lineStart(a.file().lines().line(offset));
    String before = a.file().rawText(lineStart, offset);
    Matcher up = UPSTREAM_REF.matcher(before);
    if (up.find()) {
      return upstreams(a);
    }
    Matcher name = DIRECTIVE_START.matcher(before);
    if (before.indexOf('#') < 0 && name.find()) {
      return directives(a, offset);
    }
    return List.of();
  }

  private static List<CompletionItem> upstreams(Analyzer.Analysis a) {
    TreeSet<String> names = new TreeSet<>();
    if (a.set() != null) {
      for (ConfigTree t : a.set().trees()) {
        if (!t.files().contains(a.file())) {
          continue;
        }
        t.walk(d -> {
          // http upstreams only: a stream{} group is no proxy_pass http:// target
          if (d.name().equals("upstream") && d.hasBlock() && d.argCount() == 1 && !"stream".equals(d.outermostContext())) {
            names.add(d.arg(0));
          }
        });
      }
    }
    List<CompletionItem> out = new ArrayList<>();
    for (String n : names) {
      CompletionItem item = new CompletionItem(n);
      item.setKind(CompletionItemKind.Module);
      item.setDetail("upstream");
      out.add(item);
    }
    return out;
  }

  private static List<CompletionItem> directives(Analyzer.Analysis a, int offset) {
    String ctx = Statements.contextAt(a, offset);
    if (ctx == null) {
      return List.of();
    }
    NginxVersion v = a.settings() != null ? a.settings().version() : NginxVersion.DEFAULT;
    TreeMap<String, DirectiveSpec> allowed = new TreeMap<>();
    DirectiveTable table = DirectiveTable.get();
    for (String name : table.names()) {
      for (DirectiveSpec s : table.lookup(name)) {
        if (s.contexts().contains("any") || !DirectiveCheck.existsIn(s, v)) {
          continue;
        }
        if (DirectiveCheck.shapeAt(s, v).contexts().contains(ctx)) {
          allowed.putIfAbsent(name, s);
        }
      }
    }
    List<CompletionItem> out = new ArrayList<>();
    for (DirectiveSpec s : allowed.values()) {
      CompletionItem item = new CompletionItem(s.name());
      item.setKind(CompletionItemKind.Keyword);
      item.setDetail(s.module());
      out.add(item);
    }
    // include may stand anywhere
    if (!allowed.containsKey("include")) {
      CompletionItem item = new CompletionItem("include");
      item.setKind(CompletionItemKind.Keyword);
      item.setDetail("ngx_conf_module");
      out.add(item);
    }
    return out;
  }
}
