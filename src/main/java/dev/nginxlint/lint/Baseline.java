package dev.nginxlint.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Today's findings, recorded so that a legacy tree can adopt the gate and see only new ones.
 * An entry names the rule, the file (as reports name it) and the statement's text with its
 * whitespace collapsed, plus an occurrence index among equal entries in reading order: lines
 * added above a finding do not resurrect it, while a new problem of the same kind elsewhere in
 * the file has other text (or a higher index) and is reported. The file is JSON, sorted and
 * stable, so a change to it reads well in review.
 */
public final class Baseline {

  /** One recorded finding. */
  public record Entry(String rule, String file, String statement, int occurrence) {}

  /** What applying a baseline did: findings hidden, and entries that matched nothing. */
  public record Use(int hidden, int stale) {}

  private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::file)
      .thenComparing(Entry::rule).thenComparing(Entry::statement).thenComparingInt(Entry::occurrence);

  private final List<Entry> entries;

  private Baseline(List<Entry> entries) {
    this.entries = entries;
  }

  /** The entries of the findings of a run, sorted. */
  public static Baseline of(List<Finding> findings) {
    List<Entry> out = new ArrayList<>(keyed(findings).keySet());
    out.sort(ORDER);
    return new Baseline(out);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The findings not in the baseline, and how many were hidden or matched nothing. */
  public Linter.Result apply(Linter.Result result) {
    Map<Entry, Finding> now = keyed(result.findings());
    java.util.Set<Entry> recorded = new java.util.HashSet<>(entries);
    List<Finding> kept = new ArrayList<>();
    int hidden = 0;
    for (Map.Entry<Entry, Finding> e : now.entrySet()) {
      if (recorded.contains(e.getKey())) {
        hidden++;
      } else {
        kept.add(e.getValue());
      }
    }
    int stale = 0;
    for (Entry e : entries) {
      if (!now.containsKey(e)) {
        stale++;
      }
    }
    // keep the run's order (findings arrive sorted)
    List<Finding> ordered = new ArrayList<>(result.findings());
    java.util.Set<Finding> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    keep.addAll(kept);
    ordered.removeIf(f -> !keep.contains(f));
    return new Linter.Result(ordered, result.failures(), result.files(), result.prefixesUsed(), new Use(hidden, stale));
  }

  /** Each finding under its entry, the occurrence counted per rule, file and statement. */
  private static Map<Entry, Finding> keyed(List<Finding> findings) {
    Map<Entry, Finding> out = new LinkedHashMap<>();
    Map<List<String>, Integer> seen = new HashMap<>();
    for (Finding f : findings) {
      String file = f.file().displayName().replace('\\', '/');
      String text = statement(f);
      int n = seen.merge(List.of(f.rule(), file, text), 1, Integer::sum) - 1;
      out.put(new Entry(f.rule(), file, text, n), f);
    }
    return out;
  }

  /** The text the finding points at, whitespace runs as one space (empty for a whole file). */
  private static String statement(Finding f) {
    int start = f.span().start();
    int end = Math.min(f.span().end(), f.file().size());
    if (end <= start) {
      return "";
    }
    String raw = f.file().text(start, end);
    StringBuilder sb = new StringBuilder(raw.length());
    boolean space = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The baseline as its JSON file holds it. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\n  \"version\": 1,\n  \"findings\": [");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("    {\"rule\": ");
      dev.nginxlint.Json.string(sb, e.rule());
      sb.append(", \"file\": ");
      dev.nginxlint.Json.string(sb, e.file());
      sb.append(", \"statement\": ");
      dev.nginxlint.Json.string(sb, e.statement());
      sb.append(", \"occurrence\": ").append(e.occurrence()).append('}');
    }
    sb.append(entries.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString();
  }

  /** Reads a baseline file; a clear message (no stack trace) when it is not one. */
  public static Baseline read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object root;
    try {
      // JSON is YAML 1.2: the YAML reader the config file uses reads it
      root = new Load(LoadSettings.builder().build()).loadFromString(text);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a baseline file (" + firstLine(e.getMessage()) + ")");
    }
    if (!(root instanceof Map<?, ?> map) || !(map.get("findings") instanceof List<?> list)) {
      throw new IOException(file + ": not a baseline file (no \"findings\" list)");
    }
    List<Entry> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("rule") instanceof String rule) || !(m.get("file") instanceof String f)
          || !(m.get("statement") instanceof String s) || !(m.get("occurrence") instanceof Number n)) {
        throw new IOException(file + ": not a baseline file (an entry lacks rule, file, statement or occurrence)");
      }
      out.add(new Entry(rule, f, s, n.intValue()));
    }
    out.sort(ORDER);
    return new Baseline(out);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
