package dev.nginxlint.report;

import dev.nginxlint.Json;
import dev.nginxlint.model.Arg;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.Quote;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.model.SyntaxError;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed files as JSON in crossplane's vocabulary (config[].file/status/errors/parsed[],
 * directive/line/args/block/includes), with columns, quote styles and byte offsets added.
 */
public final class ParseJson {
  private ParseJson() {}

  public static String render(ConfigSet set) {
    List<SourceFile> files = set.files();
    Map<SourceFile, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      index.put(files.get(i), i);
    }
    // which files each include statement brought in (in any tree)
    Map<Statement, Set<Integer>> includes = new IdentityHashMap<>();
    for (ConfigTree t : set.trees()) {
      t.walk(d -> {
        if (d.includedBy() != null) {
          includes.computeIfAbsent(d.includedBy().statement(), k -> new LinkedHashSet<>()).add(index.get(d.file()));
        }
      });
    }
    boolean ok = true;
    List<Object> config = new ArrayList<>();
    List<Object> allErrors = new ArrayList<>();
    for (SourceFile f : files) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("file", f.displayName());
      List<Object> errors = new ArrayList<>();
      for (SyntaxError e : f.errors()) {
        errors.add(error(f, e.message(), e.span().line(), e.span().column()));
      }
      for (Diagnostic d : set.diagnostics()) {
        if (d.file() == f && !d.rule().equals(Diagnostic.SYNTAX_ERROR)) {
          errors.add(error(f, d.message(), d.span().line(), d.span().column()));
        }
      }
      c.put("status", errors.isEmpty() ? "ok" : "failed");
      c.put("errors", errors);
      allErrors.addAll(errors);
      ok &= errors.isEmpty();
      c.put("parsed", statements(f.statements(), includes));
      config.add(c);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("status", ok ? "ok" : "failed");
    root.put("errors", allErrors);
    root.put("config", config);
    return Json.write(root);
  }

  private static Map<String, Object> error(SourceFile f, String message, int line, int column) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", f.displayName());
    m.put("error", message);
    m.put("line", line);
    m.put("column", column);
    return m;
  }

  private static List<Object> statements(List<Statement> list, Map<Statement, Set<Integer>> includes) {
    List<Object> out = new ArrayList<>(list.size());
    for (Statement s : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("directive", s.name());
      m.put("line", s.span().line());
      m.put("column", s.span().column());
      List<Object> args = new ArrayList<>();
      List<Object> quotes = new ArrayList<>();
      boolean anyQuoted = false;
      for (Arg a : s.args()) {
        args.add(a.value());
        quotes.add(a.quote() == Quote.NONE ? "" : a.quote() == Quote.DOUBLE ? "\"" : a.quote() == Quote.SINGLE ? "'" : "lua");
        anyQuoted |= a.quote() != Quote.NONE;
      }
      m.put("args", args);
      if (anyQuoted) {
        m.put("quotes", quotes);
      }
      m.put("start", s.span().start());
      m.put("end", s.span().end());
      Set<Integer> inc = includes.get(s);
      if (s.name().equals("include")) {
        m.put("includes", inc == null ? List.of() : new ArrayList<>(inc));
      }
      if (s.hasBlock()) {
        m.put("block", statements(s.children(), includes));
      }
      out.add(m);
    }
    return out;
  }
}
