package dev.nginxlint.directives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * nginx's directive table, read from the bundled nginx-directives.tsv (every directive of
 * stock nginx, read from its source). Loaded once, on first use.
 *
 * <p>Start-up matters (a pre-commit hook checks a few lines): the first use only finds where
 * each name's rows are; a name's rows are turned into {@link DirectiveSpec}s when that name is
 * first looked up, which for a real config is a few dozen of the table's 2,000 rows.
 */
public final class DirectiveTable {

  public static final String RESOURCE = "/dev/nginxlint/directives/nginx-directives.tsv";

  private static final class Holder {
    static final DirectiveTable INSTANCE = load();
  }

  private final byte[] tsv;
  /** Column name → index. */
  private final Map<String, Integer> columns;
  /** Name → the line start offsets of its rows, in table order. */
  private final Map<String, int[]> rowsByName;
  private final Map<String, List<DirectiveSpec>> parsed = new ConcurrentHashMap<>();

  private DirectiveTable(byte[] tsv, Map<String, Integer> columns, Map<String, int[]> rowsByName) {
    this.tsv = tsv;
    this.columns = columns;
    this.rowsByName = rowsByName;
  }

  public static DirectiveTable get() {
    return Holder.INSTANCE;
  }

  /** Every row for this name (several modules may declare it), or an empty list. */
  public List<DirectiveSpec> lookup(String name) {
    List<DirectiveSpec> specs = parsed.get(name);
    if (specs != null) {
      return specs;
    }
    int[] rows = rowsByName.get(name);
    if (rows == null) {
      return List.of();
    }
    List<DirectiveSpec> out = new ArrayList<>(rows.length);
    for (int start : rows) {
      out.add(row(start));
    }
    // a racing thread parses equal rows; the first list published wins, so specs stay identical
    List<DirectiveSpec> prev = parsed.putIfAbsent(name, List.copyOf(out));
    return prev != null ? prev : parsed.get(name);
  }

  public boolean isKnown(String name) {
    return rowsByName.containsKey(name);
  }

  public Set<String> names() {
    return rowsByName.keySet();
  }

  /**
   * A column the spec does not carry (docs_default, debian12_1_22_1...) for the row of this
   * spec's name and module, or "" when the table has no such column or row.
   */
  public String column(DirectiveSpec spec, String column) {
    int[] rows = rowsByName.get(spec.name());
    Integer c = columns.get(column);
    Integer m = columns.get("module");
    if (rows == null || c == null || m == null) {
      return "";
    }
    for (int start : rows) {
      int end = start;
      while (end < tsv.length && tsv[end] != '\n') {
        end++;
      }
      String[] f = new String(tsv, start, end - start, StandardCharsets.UTF_8).split("\t", -1);
      if (m < f.length && f[m].equals(spec.module())) {
        return c < f.length ? f[c] : "";
      }
    }
    return "";
  }

  private DirectiveSpec row(int start) {
    int end = start;
    while (end < tsv.length && tsv[end] != '\n') {
      end++;
    }
    String[] f = new String(tsv, start, end - start, StandardCharsets.UTF_8).split("\t", -1);
    return new DirectiveSpec(
        f[col("directive")],
        f[col("family")],
        f[col("module")],
        Set.of(f[col("contexts")].split(",")),
        f[col("args")],
        Integer.parseInt(f[col("min_args")]),
        Integer.parseInt(f[col("max_args")]),
        "yes".equals(f[col("block")]),
        f[col("opens")],
        f[col("dup")],
        "removed".equals(f[col("status")]),
        f[col("since")],
        f[col("removed_in")],
        f[col("build")],
        field(f, "history"),
        field(f, "deprecated"),
        field(f, "handler"));
  }

  /** An optional column: "" when the table has none. */
  private String field(String[] f, String column) {
    Integer i = columns.get(column);
    return i == null || i >= f.length ? "" : f[i];
  }

  private int col(String name) {
    Integer i = columns.get(name);
    if (i == null) {
      throw new IllegalStateException(RESOURCE + " has no column " + name);
    }
    return i;
  }

  private static DirectiveTable load() {
    byte[] tsv;
    try (InputStream in = DirectiveTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      tsv = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int headerEnd = 0;
    while (headerEnd < tsv.length && tsv[headerEnd] != '\n') {
      headerEnd++;
    }
    Map<String, Integer> columns = new HashMap<>();
    String[] names = new String(tsv, 0, headerEnd, StandardCharsets.UTF_8).split("\t", -1);
    for (int i = 0; i < names.length; i++) {
      columns.put(names[i], i);
    }
    if (columns.get("directive") == null || columns.get("directive") != 0) {
      throw new IllegalStateException(RESOURCE + ": the first column must be the directive name");
    }
    // only the names (the first field of each line) are read now
    Map<String, List<Integer>> rows = new HashMap<>();
    int i = headerEnd + 1;
    while (i < tsv.length) {
      int lineStart = i;
      int tab = i;
      while (tab < tsv.length && tsv[tab] != '\t' && tsv[tab] != '\n') {
        tab++;
      }
      int end = tab;
      while (end < tsv.length && tsv[end] != '\n') {
        end++;
      }
      if (end > lineStart) {
        String name = new String(tsv, lineStart, tab - lineStart, StandardCharsets.UTF_8);
        rows.computeIfAbsent(name, k -> new ArrayList<>(1)).add(lineStart);
      }
      i = end + 1;
    }
    Map<String, int[]> rowsByName = new HashMap<>(rows.size() * 2);
    for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
      int[] starts = new int[e.getValue().size()];
      for (int k = 0; k < starts.length; k++) {
        starts[k] = e.getValue().get(k);
      }
      rowsByName.put(e.getKey(), starts);
    }
    return new DirectiveTable(tsv, columns, Collections.unmodifiableMap(rowsByName));
  }
}
