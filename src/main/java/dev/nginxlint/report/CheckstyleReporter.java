package dev.nginxlint.report;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checkstyle XML (checkstyle-report-1.0.0.xsd), one file element per file. */
public final class CheckstyleReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      byFile.computeIfAbsent(f.file().displayName(), k -> new ArrayList<>()).add(f);
    }
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.println("<checkstyle version=\"4.3\">");
    for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
      out.println("  <file name=\"" + Xml.escape(e.getKey()) + "\">");
      for (Finding f : e.getValue()) {
        out.println("    <error line=\"" + f.span().line() + "\" column=\"" + f.span().column()
            + "\" severity=\"" + f.severity().label() + "\" message=\"" + Xml.escape(f.message())
            + "\" source=\"nginx-lint." + Xml.escape(f.rule()) + "\"/>");
      }
      out.println("  </file>");
    }
    out.println("</checkstyle>");
  }
}
