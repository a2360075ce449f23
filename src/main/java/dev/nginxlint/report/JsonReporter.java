package dev.nginxlint.report;

import dev.nginxlint.Version;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {"version", "findings": [...], "summary": {"files", "findings"}}. */
public final class JsonReporter implements Reporter {
  @Override
  public void write(Linter.Result result, PrintWriter out) {
    // streamed finding by finding (a big config has thousands): the same text as
    // Json.write of the whole document, without building it in memory first
    Chunks chunks = new Chunks(out);
    StringBuilder sb = chunks.sb;
    sb.append("{\n  \"version\": ");
    Json.writeTo(sb, Version.VERSION, 1);
    sb.append(",\n  \"findings\": ");
    if (result.findings().isEmpty()) {
      sb.append("[]");
    } else {
      sb.append('[');
      List<Finding> all = result.findings();
      // thousands of findings: a helper renders the second half while this thread renders and
      // writes the first (the text is the same; only who builds which half differs)
      int half = dev.nginxlint.Tasks.PARALLEL && all.size() >= PARALLEL_MIN_FINDINGS ? all.size() / 2 : all.size();
      java.util.concurrent.FutureTask<StringBuilder> rest = new java.util.concurrent.FutureTask<>(() -> {
        StringBuilder more = new StringBuilder(1 << 20);
        render(all, half, all.size(), more, null);
        return more;
      });
      if (half < all.size()) {
        Thread helper = new Thread(rest, "nginx-lint-report");
        helper.setDaemon(true);
        helper.start();
      }
      render(all, 0, half, sb, chunks);
      if (half < all.size()) {
        chunks.flush();
        chunks.write(dev.nginxlint.Tasks.join(rest, RuntimeException.class));
      }
      sb.append("\n  ]");
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", result.files());
    summary.put("findings", result.findings().size());
    sb.append(",\n  \"summary\": ");
    Json.writeTo(sb, summary, 1);
    sb.append("\n}");
    chunks.flush();
    out.println();
  }

  private static final int PARALLEL_MIN_FINDINGS = 2000;

  /** Findings [from, to) of the list, each after its separator; written as it goes when chunks is given. */
  private static void render(List<Finding> all, int from, int to, StringBuilder sb, Chunks chunks) {
    for (int i = from; i < to; i++) {
      sb.append(i == 0 ? "\n    " : ",\n    ");
      finding(sb, all.get(i));
      if (chunks != null) {
        chunks.flushIfFull();
      }
    }
  }

  /**
   * One finding as Json.writeTo(FindingFields.of(f), 2) writes it, without the maps (a big
   * config has thousands of findings); ReportFormatsTest pins the two to the same text.
   */
  static void finding(StringBuilder sb, Finding f) {
    sb.append('{');
    field(sb, 3, "rule", f.rule(), true);
    field(sb, 3, "category", f.category().label(), false);
    field(sb, 3, "severity", f.severity().label(), false);
    field(sb, 3, "message", f.message(), false);
    field(sb, 3, "file", f.file().displayName(), false);
    number(sb, 3, "line", f.span().line());
    number(sb, 3, "column", f.span().column());
    number(sb, 3, "endLine", f.span().endLine());
    number(sb, 3, "endColumn", f.span().endColumn());
    sb.append(",\n      \"fix\": ");
    if (f.fix() == null) {
      sb.append("null");
    } else {
      sb.append('{');
      field(sb, 4, "title", f.fix().title(), true);
      field(sb, 4, "applicability", f.fix().applicability().label(), false);
      sb.append(",\n        \"edits\": ");
      if (f.fix().edits().isEmpty()) {
        sb.append("[]");
      } else {
        sb.append('[');
        boolean first = true;
        for (TextEdit e : f.fix().edits()) {
          sb.append(first ? "\n          {" : ",\n          {");
          first = false;
          field(sb, 6, "file", e.file().displayName(), true);
          number(sb, 6, "start", e.start());
          number(sb, 6, "end", e.end());
          field(sb, 6, "content", e.replacement(), false);
          sb.append("\n          }");
        }
        sb.append("\n        ]");
      }
      sb.append("\n      }");
    }
    field(sb, 3, "url", Docs.url(f.rule()), false);
    sb.append("\n    }");
  }

  private static void key(StringBuilder sb, int indent, String name, boolean first) {
    if (!first) {
      sb.append(',');
    }
    sb.append('\n');
    for (int i = 0; i < indent; i++) {
      sb.append("  ");
    }
    sb.append('"').append(name).append("\": ");
  }

  private static void field(StringBuilder sb, int indent, String name, String value, boolean first) {
    key(sb, indent, name, first);
    if (value == null) {
      sb.append("null");
    } else {
      Json.string(sb, value);
    }
  }

  private static void number(StringBuilder sb, int indent, String name, int value) {
    key(sb, indent, name, false);
    sb.append(value);
  }

  /**
   * Text gathered in a builder and handed to the writer in large pieces: a PrintWriter takes a
   * lock and checks its state on every call, too slow for one call per JSON token.
   */
  static final class Chunks {
    private static final int SIZE = 1 << 16;
    final StringBuilder sb = new StringBuilder(SIZE + 4096);
    private final PrintWriter out;
    private char[] slice;

    Chunks(PrintWriter out) {
      this.out = out;
    }

    void flushIfFull() {
      if (sb.length() >= SIZE) {
        flush();
      }
    }

    void flush() {
      write(sb);
      sb.setLength(0);
    }

    /** Writes the text in slices of at most SIZE chars (no copy of a big builder as one array). */
    void write(StringBuilder text) {
      for (int from = 0; from < text.length(); from += SIZE) {
        int n = Math.min(SIZE, text.length() - from);
        if (slice == null || slice.length < n) {
          slice = new char[n];
        }
        text.getChars(from, from + n, slice, 0);
        out.write(slice, 0, n);
      }
    }
  }
}
