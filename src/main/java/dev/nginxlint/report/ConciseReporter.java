package dev.nginxlint.report;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;

/**
 * path:line:col: rule-id message — one line per finding, for editors and grep (a line break in
 * a message, which can only come from quoted config text, is shown as \n).
 */
public final class ConciseReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    for (Finding f : result.findings()) {
      out.println(f.file().displayName() + ":" + f.span().line() + ":" + f.span().column() + ": "
          + f.rule() + " " + oneLine(f.message()));
    }
  }

  static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
