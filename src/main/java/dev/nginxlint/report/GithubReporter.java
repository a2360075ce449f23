package dev.nginxlint.report;

import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;

/** GitHub Actions workflow commands (::warning file=...::message), escaped as @actions/core does. */
public final class GithubReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    for (Finding f : result.findings()) {
      String kind = switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case INFO -> "notice";
      };
      StringBuilder sb = new StringBuilder("::").append(kind).append(' ');
      sb.append("file=").append(property(f.file().displayName()));
      sb.append(",line=").append(f.span().line());
      sb.append(",endLine=").append(f.span().endLine());
      if (f.span().line() == f.span().endLine()) {
        // GitHub takes columns only for single-line regions
        sb.append(",col=").append(f.span().column());
        sb.append(",endColumn=").append(f.span().endColumn());
      }
      sb.append(",title=").append(property("nginx-lint " + f.rule()));
      sb.append("::").append(data(f.message()));
      out.println(sb);
    }
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
