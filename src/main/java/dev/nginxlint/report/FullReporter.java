package dev.nginxlint.report;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.model.LineIndex;
import dev.nginxlint.model.SourceFile;
import java.io.PrintWriter;

/** The source line with a caret under the finding, the fix if there is one, and the doc link. */
public final class FullReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    for (Finding f : result.findings()) {
      SourceFile file = f.file();
      int line = f.span().line();
      out.println(f.file().displayName() + ":" + line + ":" + f.span().column() + ": "
          + f.severity().label() + "[" + f.rule() + "] " + ConciseReporter.oneLine(f.message()));
      LineIndex lines = file.lines();
      String text = file.text(lines.lineStart(line), lines.lineEnd(line)).replace("\r", "");
      String gutter = String.valueOf(line);
      String pad = " ".repeat(gutter.length());
      out.println(pad + " |");
      out.println(gutter + " | " + shown(text));
      int col = f.span().column();
      int width = f.span().endLine() == line ? Math.max(1, f.span().endColumn() - col) : Math.max(1, text.length() - col + 1);
      out.println(pad + " | " + " ".repeat(Math.max(0, col - 1)) + "^".repeat(width));
      if (f.fix() != null) {
        out.println(pad + " = help: " + f.fix().title() + " (" + f.fix().applicability().label() + " fix)");
      }
      String url = Docs.url(f.rule());
      out.println(pad + " = docs: " + (url != null ? url : Docs.command(f.rule())));
      out.println();
    }
    int n = result.findings().size();
    out.println(n == 0 ? "No problems found in " + result.files() + " file" + (result.files() == 1 ? "" : "s") + "."
        : "Found " + n + " problem" + (n == 1 ? "" : "s") + " in " + result.files() + " file" + (result.files() == 1 ? "" : "s") + ".");
    if (result.baseline() != null) {
      out.println(baselineNote(result.baseline()));
    }
    for (var use : result.prefixesUsed()) {
      // where absolute include paths were read from (a checked tree stands for the server's)
      out.println("Prefix mapping: " + use.from() + " -> " + use.to());
    }
  }

  /** "Baseline: N findings hidden; M entries no longer match (run --write-baseline to drop them)." */
  public static String baselineNote(dev.nginxlint.lint.Baseline.Use use) {
    return "Baseline: " + use.hidden() + " finding" + (use.hidden() == 1 ? "" : "s") + " hidden"
        + (use.stale() == 0 ? "." : "; " + use.stale() + (use.stale() == 1 ? " entry no longer matches" : " entries no longer match")
            + " (check --write-baseline FILE drops them).");
  }

  /** The source line as printed: a tab as a space, other control bytes as '?', one column each. */
  private static String shown(String text) {
    char[] cs = text.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      if (cs[i] == '\t') {
        cs[i] = ' ';
      } else if (ConciseReporter.control(cs[i])) {
        cs[i] = '?';
      }
    }
    return new String(cs);
  }
}
