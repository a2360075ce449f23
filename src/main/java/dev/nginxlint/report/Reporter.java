package dev.nginxlint.report;

import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;

/** Writes a run's findings in one output format. */
public interface Reporter {
  void write(Linter.Result result, PrintWriter out);
}
