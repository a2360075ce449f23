package dev.nginxlint.directives;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nginx's directive table, read from the bundled nginx-directives.tsv (every directive of
 * stock nginx, read from its source). Loaded once, on first use.
 */
public final class DirectiveTable {

  public static final String RESOURCE = "/dev/nginxlint/directives/nginx-directives.tsv";

  private static final class Holder {
    static final DirectiveTable INSTANCE = load();
  }

  private final Map<String, List<DirectiveSpec>> byName;

  private DirectiveTable(Map<String, List<DirectiveSpec>> byName) {
    this.byName = byName;
  }

  public static DirectiveTable get() {
    return Holder.INSTANCE;
  }

  /** Every row for this name (several modules may declare it), or an empty list. */
  public List<DirectiveSpec> lookup(String name) {
    return byName.getOrDefault(name, List.of());
  }

  public boolean isKnown(String name) {
    return byName.containsKey(name);
  }

  public Set<String> names() {
    return byName.keySet();
  }

  private static DirectiveTable load() {
    try (InputStream in = DirectiveTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = r.readLine();
      Map<String, Integer> col = new HashMap<>();
      String[] names = header.split("\t", -1);
      for (int i = 0; i < names.length; i++) {
        col.put(names[i], i);
      }
      Map<String, List<DirectiveSpec>> byName = new HashMap<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        DirectiveSpec spec = new DirectiveSpec(
            f[col.get("directive")],
            f[col.get("family")],
            f[col.get("module")],
            Set.of(f[col.get("contexts")].split(",")),
            f[col.get("args")],
            Integer.parseInt(f[col.get("min_args")]),
            Integer.parseInt(f[col.get("max_args")]),
            "yes".equals(f[col.get("block")]),
            f[col.get("opens")],
            f[col.get("dup")],
            "removed".equals(f[col.get("status")]),
            f[col.get("since")],
            f[col.get("removed_in")],
            f[col.get("build")]);
        byName.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(spec);
      }
      return new DirectiveTable(byName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
