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

  /**
   * The message on one line, with control characters shown (\\n, \\r, \\xNN): a message can
   * quote bytes of the file (a name, a path), and an ESC there must not reach the terminal.
   */
  static String oneLine(String s) {
    int i = 0;
    while (i < s.length() && !control(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (control(c)) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static boolean control(char c) {
    return c < 0x20 || c == 0x7f;
  }
}
