package dev.nginxlint.report;

import dev.nginxlint.Json;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;

/** One JSON object per line per finding, same fields as the json format. */
public final class JsonLinesReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    for (Finding f : result.findings()) {
      out.println(Json.writeCompact(FindingFields.of(f)));
    }
  }
}
