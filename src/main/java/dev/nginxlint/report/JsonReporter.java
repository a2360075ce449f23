package dev.nginxlint.report;

import dev.nginxlint.Json;
import dev.nginxlint.Version;
import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.exec.Threads;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.model.Span;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {"version", "findings": [...], "summary": {"files", "findings", "prefixes" when a prefix mapping was used}}. */
public final class JsonReporter implements Reporter {
  private final Parallelism parallelism;

  public JsonReporter() {
    this(Parallelism.SEQUENTIAL);
  }

  public JsonReporter(Parallelism parallelism) {
    this.parallelism = parallelism;
  }

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
      int half = parallelism.splits(Parallelism.Work.REPORT, all.size()) ? all.size() / 2 : all.size();
      java.util.concurrent.FutureTask<StringBuilder> rest = new java.util.concurrent.FutureTask<>(() -> {
        // (about a kilobyte per finding: sized so that it rarely grows, as each growth copies it)
        StringBuilder more = new StringBuilder((int) Math.min((all.size() - half) * 1024L, 1 << 26));
        render(all, half, all.size(), more, null);
        return more;
      });
      if (half < all.size()) {
        Threads.fork("nginx-lint-report", 0, rest);
      }
      render(all, 0, half, sb, chunks);
      if (half < all.size()) {
        chunks.flush();
        chunks.write(Threads.join(rest, RuntimeException.class));
      }
      sb.append("\n  ]");
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", result.files());
    summary.put("findings", result.findings().size());
    if (result.baseline() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("hidden", result.baseline().hidden());
      b.put("stale", result.baseline().stale());
      summary.put("baseline", b);
    }
    if (!result.prefixesUsed().isEmpty()) {
      // where absolute include paths were read from (only when a mapping placed one)
      List<Map<String, Object>> prefixes = new java.util.ArrayList<>();
      for (var use : result.prefixesUsed()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", use.from());
        m.put("to", use.to());
        prefixes.add(m);
      }
      summary.put("prefixes", prefixes);
    }
    sb.append(",\n  \"summary\": ");
    Json.writeTo(sb, summary, 1);
    sb.append("\n}");
    chunks.flush();
    out.println();
  }

  /** Findings [from, to) of the list, each after its separator; written as it goes when chunks is given. */
  private static void render(List<Finding> all, int from, int to, StringBuilder sb, Chunks chunks) {
    Quoted quoted = new Quoted();
    for (int i = from; i < to; i++) {
      sb.append(i == 0 ? "\n    " : ",\n    ");
      finding(sb, all.get(i), quoted);
      if (chunks != null) {
        chunks.flushIfFull();
      }
    }
  }

  /**
   * The JSON strings that repeat from finding to finding (rule ids, their doc links, file
   * names), escaped once per render instead of once per finding; one per thread.
   */
  static final class Quoted {
    private final java.util.Map<String, String> done = new java.util.HashMap<>();

    String of(String s) {
      if (s == null) {
        return "null";
      }
      String q = done.get(s);
      if (q == null) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        Json.string(b, s);
        q = b.toString();
        done.put(s, q);
      }
      return q;
    }

    private final java.util.Map<String, String> urls = new java.util.HashMap<>();

    /** The doc link of a rule, quoted. */
    String url(String rule) {
      String q = urls.get(rule);
      if (q == null) {
        q = of(Docs.url(rule));
        urls.put(rule, q);
      }
      return q;
    }
  }

  /**
   * One finding as Json.writeTo(FindingFields.of(f), 2) writes it, without the maps (a big
   * config has thousands of findings); ReportFormatsTest pins the two to the same text.
   */
  static void finding(StringBuilder sb, Finding f) {
    finding(sb, f, new Quoted());
  }

  /** As above; keys and indentation are written as constant pieces. */
  static void finding(StringBuilder sb, Finding f, Quoted quoted) {
    sb.append("{\n      \"rule\": ").append(quoted.of(f.rule()));
    sb.append(",\n      \"category\": ").append(quoted.of(f.category().label()));
    sb.append(",\n      \"severity\": ").append(quoted.of(f.severity().label()));
    sb.append(",\n      \"message\": ");
    string(sb, f.message());
    sb.append(",\n      \"file\": ").append(quoted.of(f.file().displayName()));
    Span span = f.span();
    sb.append(",\n      \"line\": ").append(span.line());
    sb.append(",\n      \"column\": ").append(span.column());
    sb.append(",\n      \"endLine\": ").append(span.endLine());
    sb.append(",\n      \"endColumn\": ").append(span.endColumn());
    sb.append(",\n      \"fix\": ");
    if (f.fix() == null) {
      sb.append("null");
    } else {
      sb.append("{\n        \"title\": ");
      string(sb, f.fix().title());
      sb.append(",\n        \"applicability\": ").append(quoted.of(f.fix().applicability().label()));
      sb.append(",\n        \"edits\": ");
      if (f.fix().edits().isEmpty()) {
        sb.append("[]");
      } else {
        sb.append('[');
        boolean first = true;
        for (TextEdit e : f.fix().edits()) {
          sb.append(first ? "\n          {" : ",\n          {");
          first = false;
          sb.append("\n            \"file\": ").append(quoted.of(e.file().displayName()));
          sb.append(",\n            \"start\": ").append(e.start());
          sb.append(",\n            \"end\": ").append(e.end());
          sb.append(",\n            \"content\": ");
          string(sb, e.replacement());
          sb.append("\n          }");
        }
        sb.append("\n        ]");
      }
      sb.append("\n      }");
    }
    if (!f.related().isEmpty()) {
      sb.append(",\n      \"related\": [");
      boolean first = true;
      for (Finding.Related r : f.related()) {
        sb.append(first ? "\n        {" : ",\n        {");
        first = false;
        sb.append("\n          \"file\": ").append(quoted.of(r.file().displayName()));
        sb.append(",\n          \"line\": ").append(r.span().line());
        sb.append(",\n          \"column\": ").append(r.span().column());
        sb.append(",\n          \"message\": ");
        string(sb, r.message());
        sb.append("\n        }");
      }
      sb.append("\n      ]");
    }
    sb.append(",\n      \"url\": ").append(quoted.url(f.rule()));
    sb.append("\n    }");
  }

  private static void string(StringBuilder sb, String value) {
    if (value == null) {
      sb.append("null");
    } else {
      Json.string(sb, value);
    }
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
