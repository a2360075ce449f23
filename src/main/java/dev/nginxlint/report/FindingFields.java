package dev.nginxlint.report;

import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of a finding as every machine format names them. */
final class FindingFields {
  private FindingFields() {}

  static Map<String, Object> of(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", f.rule());
    m.put("category", f.category().label());
    m.put("severity", f.severity().label());
    m.put("message", f.message());
    m.put("file", f.file().displayName());
    m.put("line", f.span().line());
    m.put("column", f.span().column());
    m.put("endLine", f.span().endLine());
    m.put("endColumn", f.span().endColumn());
    if (f.fix() == null) {
      m.put("fix", null);
    } else {
      Map<String, Object> fix = new LinkedHashMap<>();
      fix.put("title", f.fix().title());
      fix.put("applicability", f.fix().applicability().label());
      List<Object> edits = new ArrayList<>();
      for (TextEdit e : f.fix().edits()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("file", e.file().displayName());
        em.put("start", e.start());
        em.put("end", e.end());
        em.put("content", e.replacement());
        edits.add(em);
      }
      fix.put("edits", edits);
      m.put("fix", fix);
    }
    if (!f.related().isEmpty()) {
      // only when there are some: findings without keep the shape they always had
      List<Object> related = new ArrayList<>();
      for (Finding.Related r : f.related()) {
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("file", r.file().displayName());
        rm.put("line", r.span().line());
        rm.put("column", r.span().column());
        rm.put("message", r.message());
        related.add(rm);
      }
      m.put("related", related);
    }
    m.put("url", Docs.url(f.rule()));
    return m;
  }
}
