package dev.nginxlint.report;

import dev.nginxlint.Version;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {"version", "findings": [...], "summary": {"files", "findings"}}. */
public final class JsonReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", Version.VERSION);
    List<Object> list = new ArrayList<>();
    for (Finding f : result.findings()) {
      list.add(FindingFields.of(f));
    }
    root.put("findings", list);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", result.files());
    summary.put("findings", result.findings().size());
    root.put("summary", summary);
    out.println(Json.write(root));
  }
}
