package dev.nginxlint.report;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;

/** path:line:col: rule-id message — one line per finding, for editors and grep. */
public final class ConciseReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    for (Finding f : result.findings()) {
      out.println(f.file().displayName() + ":" + f.span().line() + ":" + f.span().column() + ": "
          + f.rule() + " " + f.message());
    }
  }
}
