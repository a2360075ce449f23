package dev.nginxlint.report;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JUnit XML: a suite per file, a failing test case per finding (names unique: rule at line:col). */
public final class JunitReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      byFile.computeIfAbsent(f.file().displayName(), k -> new ArrayList<>()).add(f);
    }
    int n = result.findings().size();
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.println("<testsuites name=\"nginx-lint\" tests=\"" + Math.max(n, 1) + "\" failures=\"" + n + "\" errors=\"0\">");
    if (byFile.isEmpty()) {
      out.println("  <testsuite name=\"nginx-lint\" tests=\"1\" failures=\"0\" errors=\"0\">");
      out.println("    <testcase classname=\"nginx-lint\" name=\"no findings\" time=\"0\"/>");
      out.println("  </testsuite>");
    }
    for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
      String file = Xml.escape(e.getKey());
      out.println("  <testsuite name=\"" + file + "\" tests=\"" + e.getValue().size() + "\" failures=\""
          + e.getValue().size() + "\" errors=\"0\">");
      for (Finding f : e.getValue()) {
        String where = f.span().line() + ":" + f.span().column();
        out.println("    <testcase classname=\"" + file + "\" name=\"" + Xml.escape(f.rule()) + " at " + where
            + "\" file=\"" + file + "\" time=\"0\">");
        out.println("      <failure message=\"" + Xml.escape(f.message()) + "\" type=\"" + f.severity().label() + "\">"
            + Xml.escape(e.getKey() + ":" + where + ": " + f.rule() + " " + f.message()) + "</failure>");
        out.println("    </testcase>");
      }
      out.println("  </testsuite>");
    }
    out.println("</testsuites>");
  }
}
