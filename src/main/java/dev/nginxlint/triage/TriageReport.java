package dev.nginxlint.triage;

import dev.nginxlint.Json;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.model.Directive;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a triage result as a readable report (bounded in size) or as JSON.
 *
 * <p>Over 400 lines: the text and the JSON rendering of the same groups, mappings and host
 * facts are kept side by side so that a field added to one is seen next to the other.
 */
public final class TriageReport {

  /** Groups shown in the readable report; JSON has them all. */
  public static final int TEXT_GROUPS = 20;
  private static final int MAX_FINDINGS_SHOWN = 6;
  static final String LOCATION_NOTE = "locations are matched by request path prefix only (regex locations are not"
      + " evaluated), so the location named is a best guess";

  /** Everything to report. {@code mappings} is empty without --config; {@code facts} null without --host-facts. */
  public record Result(GroupAccumulator acc, List<String> sources, Map<GroupAccumulator.Group, ConfigMapper.Mapping> mappings,
      HostFacts.Facts facts, Integer workerConnections, List<String> notes) {}

  private TriageReport() {}

  public static void json(Result r, PrintWriter w) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> groups = new ArrayList<>();
    for (GroupAccumulator.Group g : r.acc().groups()) {
      groups.add(group(g, r.mappings().get(g)));
    }
    root.put("groups", groups);
    root.put("lines", r.acc().lines());
    root.put("unparsed", r.acc().unparsed());
    root.put("outsideWindow", r.acc().outsideWindow());
    root.put("ungrouped", r.acc().ungrouped());
    root.put("sources", r.sources());
    root.put("histogram", histogram(r.acc().histogram()));
    if (!r.mappings().isEmpty()) {
      root.put("locationMatching", LOCATION_NOTE);
    }
    if (r.facts() != null) {
      Map<String, Object> facts = new LinkedHashMap<>(r.facts().values());
      if (r.workerConnections() != null) {
        facts.put("configWorkerConnections", r.workerConnections());
      }
      facts.put("notes", r.facts().notes());
      root.put("hostFacts", facts);
    }
    root.put("notes", r.notes());
    w.println(Json.write(root));
  }

  private static Map<String, Object> group(GroupAccumulator.Group g, ConfigMapper.Mapping m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("signature", g.op);
    o.put("errno", g.errno == 0 ? null : g.errno);
    o.put("errorText", g.errText);
    o.put("phase", g.phase);
    o.put("level", g.level);
    o.put("count", g.count);
    o.put("upstream", g.upstream);
    o.put("first", g.first);
    o.put("last", g.last);
    o.put("causes", g.entry == null ? List.of() : g.entry.causes());
    o.put("rules", g.entry == null ? List.of() : g.entry.rules());
    o.put("config", null);
    if (m != null) {
      Directive p = m.primary();
      if (p == null && !m.findings().isEmpty()) {
        Finding f = m.findings().get(0);
        o.put("config", position(f.file().displayName(), f.span().line()));
      } else if (p != null) {
        o.put("config", position(p.file().displayName(), p.span().line()));
      }
      o.put("upstreamBlock", m.upstream() == null ? null : block(m.upstream()));
      List<Object> passes = new ArrayList<>();
      for (Directive d : m.passes()) {
        passes.add(block(d));
      }
      o.put("passes", passes);
      o.put("server", m.server() == null ? null : block(m.server()));
      o.put("location", m.location() == null ? null : block(m.location()));
      List<Object> findings = new ArrayList<>();
      for (Finding f : m.findings()) {
        Map<String, Object> fo = new LinkedHashMap<>();
        fo.put("rule", f.rule());
        fo.put("file", f.file().displayName());
        fo.put("line", f.span().line());
        fo.put("column", f.span().column());
        fo.put("message", f.message());
        fo.put("fix", f.fix() == null ? null : f.fix().applicability().label());
        findings.add(fo);
      }
      List<Object> settings = new ArrayList<>();
      for (Directive d : m.settings()) {
        settings.add(block(d));
      }
      o.put("settings", settings);
      if (m.basis() != null) {
        o.put("basis", m.basis());
      }
      String advice = KeepaliveAdvice.text(g, keepalive(m), m.findings());
      if (advice != null) {
        o.put("keepaliveAdvice", advice);
        Integer size = KeepaliveAdvice.suggested(g, keepalive(m), m.findings());
        if (size != null) {
          o.put("suggestedKeepalive", size);
        }
      }
      o.put("findings", findings);
      o.put("fix", m.fixCommand());
    }
    if (g.peakConnections > 0) {
      Map<String, Object> peak = new LinkedHashMap<>();
      peak.put("connections", g.peakConnections);
      peak.put("second", g.peakAt);
      peak.put("pid", g.peakPid);
      o.put("peakPerWorkerSecond", peak);
    }
    o.put("servers", g.servers);
    o.put("paths", g.paths);
    o.put("histogram", histogram(g.histogram));
    o.put("sample", g.sample);
    return o;
  }

  private static Map<String, Object> position(String file, int line) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("file", file);
    c.put("line", line);
    return c;
  }

  private static Map<String, Object> block(Directive d) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("directive", label(d));
    c.put("file", d.file().displayName());
    c.put("line", d.span().line());
    return c;
  }

  private static Map<String, Object> histogram(Histogram h) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("bucketMinutes", h.widthMinutes());
    List<Object> buckets = new ArrayList<>();
    h.buckets().forEach((start, n) -> {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("start", Histogram.format(start));
      b.put("count", n);
      buckets.add(b);
    });
    o.put("buckets", buckets);
    return o;
  }

  // ---- readable ----

  public static void text(Result r, PrintWriter w) {
    GroupAccumulator acc = r.acc();
    List<GroupAccumulator.Group> groups = acc.groups();
    w.printf("nginx-lint triage: %d line%s read (%s), %d group%s, %d unparsed%s%n", acc.lines(), plural(acc.lines()),
        String.join(", ", r.sources()), groups.size(), plural(groups.size()), acc.unparsed(),
        acc.outsideWindow() > 0 ? ", " + acc.outsideWindow() + " outside the time window" : "");
    summary(w, groups);
    int shown = 0;
    java.util.Set<String> explained = new java.util.HashSet<>();
    for (GroupAccumulator.Group g : groups) {
      if (shown++ == TEXT_GROUPS) {
        w.printf("%n... %d more groups (all of them with --output-format json)%n", groups.size() - TEXT_GROUPS);
        break;
      }
      w.println();
      group(w, g, r.mappings().get(g), g.entry == null || explained.add(g.entry.id()));
    }
    if (!acc.histogram().isEmpty()) {
      w.printf("%nLines per %s (grouped lines):%n", acc.histogram().widthMinutes() == 1 ? "minute"
          : acc.histogram().widthMinutes() + " minutes");
      long max = 1;
      for (long n : acc.histogram().buckets().values()) {
        max = Math.max(max, n);
      }
      java.util.TreeMap<Long, Long> buckets = acc.histogram().buckets();
      long width = acc.histogram().widthMinutes();
      // quiet minutes show as empty rows, as long as that keeps the chart small
      boolean fill = (buckets.lastKey() - buckets.firstKey()) / width < 60;
      for (long t = buckets.firstKey(); t <= buckets.lastKey(); ) {
        long n = buckets.getOrDefault(t, 0L);
        int bar = n == 0 ? 0 : (int) Math.max(1, n * 40 / max);
        w.printf("  %s %-40s %d%n", Histogram.format(t), "#".repeat(bar), n);
        Long next = fill ? Long.valueOf(t + width) : buckets.higherKey(t);
        if (next == null) {
          break;
        }
        t = next;
      }
    }
    if (r.facts() != null) {
      w.printf("%nHost facts (this machine, now — not necessarily the machine or time of the log):%n");
      java.util.Set<String> upstreams = new java.util.HashSet<>();
      for (GroupAccumulator.Group g : groups) {
        if (g.upstream != null) {
          upstreams.add(g.upstream);
        }
      }
      hostFacts(w, r.facts(), r.workerConnections(), upstreams);
    }
    if (!r.mappings().isEmpty() && !groups.isEmpty()) {
      w.printf("%nNote: %s.%n", LOCATION_NOTE);
    }
    for (String n : r.notes()) {
      w.println("Note: " + n);
    }
  }

  /** Lines per signature (errno included) over all upstreams, when groups split a signature. */
  private static void summary(PrintWriter w, List<GroupAccumulator.Group> groups) {
    Map<String, long[]> bySignature = new LinkedHashMap<>();
    for (GroupAccumulator.Group g : groups) {
      String sig = g.op + (g.errno != 0 ? " (" + g.errno + ": " + g.errText + ")" : "");
      long[] n = bySignature.computeIfAbsent(sig, k -> new long[2]);
      n[0] += g.count;
      n[1]++;
    }
    if (bySignature.size() == groups.size()) {
      return; // one group per signature: the groups say it all
    }
    List<Map.Entry<String, long[]>> rows = new ArrayList<>(bySignature.entrySet());
    rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    w.printf("%nBy signature:%n");
    for (int i = 0; i < rows.size() && i < 10; i++) {
      long[] n = rows.get(i).getValue();
      w.printf("  %10d  %s%s%n", n[0], rows.get(i).getKey(), n[1] > 1 ? " (" + n[1] + " groups)" : "");
    }
    if (rows.size() > 10) {
      w.printf("  ... %d more signatures%n", rows.size() - 10);
    }
  }

  private static void group(PrintWriter w, GroupAccumulator.Group g, ConfigMapper.Mapping m, boolean explain) {
    StringBuilder head = new StringBuilder();
    head.append(g.count).append(" × ").append(g.op);
    if (g.errno != 0 || g.errText != null) {
      head.append(" (").append(g.errno != 0 ? g.errno + ": " : "").append(g.errText).append(')');
    }
    if (g.upstream != null) {
      head.append(g.upstream.startsWith(FpmLines.POOL) ? " in " : " to ").append(g.upstream);
    }
    if (m != null && m.upstream() != null) {
      head.append(" via upstream ").append(m.upstream().arg(0)).append(" (").append(where(m.upstream())).append(')');
    }
    if (g.level != null) {
      head.append(" [").append(g.level).append(']');
    }
    w.println(head);
    w.printf("    %sseen %s .. %s%s%s%n", g.phase == null ? "" : "while " + g.phase + "; ", g.first, g.last,
        g.servers.isEmpty() ? "" : "; server " + String.join(", ", g.servers.keySet()),
        g.paths.isEmpty() ? "" : "; e.g. " + g.paths.get(0));
    if (g.entry == null) {
      if (!g.isOther()) {
        w.println("    cause: not in the catalog; e.g. " + g.sample);
      } else {
        w.println("    (lines beyond the group limit, of any signature)");
      }
    } else if (explain) {
      for (String c : g.entry.causes()) {
        w.println("    likely: " + c);
      }
    } else {
      w.println("    likely: as above (" + g.entry.id() + ")");
    }
    if (m == null) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (m.upstream() != null) {
      parts.add("upstream " + m.upstream().arg(0) + " (" + where(m.upstream()) + ")");
    }
    for (int i = 0; i < m.passes().size() && i < 3; i++) {
      Directive p = m.passes().get(i);
      Directive loc = p.enclosing("location");
      parts.add(p.name() + " " + p.arg(0) + " in " + (loc != null ? label(loc) : p.contextString()) + " (" + where(p) + ")");
    }
    if (m.passes().size() > 3) {
      parts.add((m.passes().size() - 3) + " more");
    }
    if (m.server() != null) {
      parts.add(label(m.server()) + " (" + where(m.server()) + ")");
    }
    boolean viaLocation = m.passes().stream().anyMatch(p -> p.enclosing("location") == m.location());
    if (m.location() != null && !viaLocation) {
      parts.add(label(m.location()) + " (" + where(m.location()) + ", by path prefix)");
    }
    w.println("    config: " + (parts.isEmpty() ? "no matching upstream, server or location" : String.join("; ", parts))
        + (m.basis() == null ? "" : parts.isEmpty() ? " (" + m.basis() + ")" : " — " + m.basis()));
    settings(w, g, m);
    List<String> rules = g.entry == null ? List.of() : g.entry.rules();
    if (m.findings().isEmpty()) {
      if (!rules.isEmpty()) {
        w.println("    findings: none of " + String.join(", ", rules) + " there");
      }
    } else {
      for (int i = 0; i < m.findings().size() && i < MAX_FINDINGS_SHOWN; i++) {
        Finding f = m.findings().get(i);
        w.printf("    finding: %s:%d:%d %s [%s]%n", f.file().displayName(), f.span().line(), f.span().column(),
            f.message(), f.rule());
      }
      if (m.findings().size() > MAX_FINDINGS_SHOWN) {
        w.printf("    ... %d more findings%n", m.findings().size() - MAX_FINDINGS_SHOWN);
      }
    }
    if (m.fixCommand() != null) {
      w.println("    fix: " + m.fixCommand());
    }
  }

  /** The directives to change for this group (the resolver in effect, the keepalive cache), with where they are. */
  private static void settings(PrintWriter w, GroupAccumulator.Group g, ConfigMapper.Mapping m) {
    String keepalive = KeepaliveAdvice.text(g, keepalive(m), m.findings());
    if (keepalive != null) {
      w.println("    keepalive: " + keepalive);
    }
    if (g.entry != null && g.entry.aboutResolver()) {
      boolean any = m.settings().stream().anyMatch(d -> d.name().equals("resolver"));
      if (!any && m.location() == null && m.server() == null && m.passes().isEmpty()) {
        w.println("    resolver: no resolver directive names " + (g.upstream == null ? "it" : g.upstream));
        return;
      }
      List<String> parts = new ArrayList<>();
      for (Directive d : m.settings()) {
        Directive holder = d.parent();
        parts.add(statement(d) + (holder == null ? " at main level" : " in " + label(holder)) + " (" + where(d) + ")");
      }
      if (m.settings().stream().noneMatch(d -> d.name().equals("resolver_timeout"))) {
        parts.add("resolver_timeout unset (30s)");
      }
      w.println("    resolver: " + (any ? "" : "none in effect there; ") + String.join("; ", parts));
    }
  }

  private static Directive keepalive(ConfigMapper.Mapping m) {
    return m == null ? null : m.settings().stream().filter(d -> d.name().equals("keepalive")).findFirst().orElse(null);
  }

  /** "resolver 127.0.0.1:53 valid=30s" as written (arguments only, not the comments around it). */
  static String statement(Directive d) {
    StringBuilder sb = new StringBuilder(d.name());
    for (int i = 0; i < d.argCount(); i++) {
      sb.append(' ').append(d.arg(i));
    }
    return sb.toString();
  }

  private static void hostFacts(PrintWriter w, HostFacts.Facts facts, Integer workerConnections,
      java.util.Set<String> upstreams) {
    Map<String, Object> v = facts.values();
    Object ports = v.get("ephemeralPorts");
    if (v.containsKey("timeWaitSockets")) {
      w.printf("  TIME-WAIT sockets: %s in all%s%n", v.get("timeWaitSockets"), ports == null ? ""
          : " (ephemeral ports " + v.get("ephemeralPortRange") + ": " + ports + " per destination ip:port)");
      endpoints(w, v.get("timeWaitByDestination"), e -> {
        String note = upstreams.contains(e.getKey()) ? "an upstream in the log" : "";
        if (ports instanceof Long p && p > 0) {
          long pct = e.getValue() * 100 / p;
          note = (note.isEmpty() ? "" : note + "; ") + pct + "% of the ports"
              + (pct >= 50 ? " — close to running out: connect() fails with errno 99 (Cannot assign requested"
                  + " address) when they are all in TIME-WAIT; reuse connections (keepalive in the upstream)" : "");
        }
        return "to " + e.getKey() + ": " + e.getValue() + (note.isEmpty() ? "" : " (" + note + ")");
      });
      endpoints(w, v.get("timeWaitByLocal"), e -> "at " + e.getKey() + ": " + e.getValue()
          + " (connections to this host's port that this host closed first)");
    } else if (v.containsKey("ephemeralPortRange")) {
      w.printf("  ephemeral port range: %s%n", v.get("ephemeralPortRange"));
    }
    if (v.containsKey("closeWaitSockets")) {
      w.printf("  CLOSE-WAIT sockets: %s in all%n", v.get("closeWaitSockets"));
      endpoints(w, v.get("closeWaitByLocal"), e -> "at " + e.getKey() + ": " + e.getValue()
          + " (the process listening there does not close connections its clients closed: a stuck or leaking"
          + " backend)");
      endpoints(w, v.get("closeWaitByDestination"), e -> "to " + e.getKey() + ": " + e.getValue()
          + (upstreams.contains(e.getKey()) ? " (an upstream in the log)" : "")
          + " (the destination closed them and the process here has not yet)");
    }
    if (v.containsKey("listenOverflows")) {
      long overflows = ((Number) v.get("listenOverflows")).longValue();
      w.printf("  listen queue overflows since boot: %d (TcpExt ListenOverflows%s)%s%n", overflows,
          v.containsKey("listenDrops") ? "; ListenDrops " + v.get("listenDrops") : "",
          overflows == 0 ? "" : ": a listening socket here had a full accept queue and dropped connections —"
              + " a backend on this host accepts too slowly or its listen backlog is small (capped by"
              + " net.core.somaxconn" + (v.containsKey("somaxconn") ? " " + v.get("somaxconn") : "") + ")");
    }
    if (v.containsKey("somaxconn")) {
      w.printf("  net.core.somaxconn: %s%n", v.get("somaxconn"));
    }
    if (v.containsKey("tcpTwReuse")) {
      w.printf("  net.ipv4.tcp_tw_reuse: %s%n", v.get("tcpTwReuse"));
    }
    if (v.get("nginxWorkers") instanceof List<?> workers) {
      for (Object o : workers) {
        Map<?, ?> wk = (Map<?, ?>) o;
        String soft = String.valueOf(wk.get("maxOpenFilesSoft"));
        String cmp = "";
        if (workerConnections != null && soft.chars().allMatch(Character::isDigit) && !soft.isEmpty()) {
          long lim = Long.parseLong(soft);
          cmp = lim < 2L * workerConnections
              ? " — below 2 × worker_connections " + workerConnections + " (a proxied request needs two descriptors)"
              : " (worker_connections " + workerConnections + ")";
        }
        w.printf("  nginx worker %s: max open files %s%s%n", wk.get("pid"),
            wk.containsKey("maxOpenFilesSoft") ? soft : "unknown", cmp);
      }
    }
    for (String n : facts.notes()) {
      w.println("  (" + n + ")");
    }
  }

  private static void endpoints(PrintWriter w, Object counts,
      java.util.function.Function<Map.Entry<String, Long>, String> line) {
    if (counts instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.println("    " + line.apply(Map.entry((String) e.getKey(), ((Number) e.getValue()).longValue())));
      }
    }
  }

  private static String where(Directive d) {
    return d.file().displayName() + ":" + d.span().line();
  }

  static String label(Directive d) {
    StringBuilder sb = new StringBuilder(d.name());
    if (d.name().equals("server") && d.contextName().equals("stream")) {
      // a stream server has no name: its listen is what the line's "server:" field shows
      Directive listen = d.child("listen");
      return "stream server" + (listen == null ? "" : ", listen " + listen.arg(0));
    }
    if (d.name().equals("server")) {
      Directive sn = d.child("server_name");
      if (sn != null && sn.argCount() > 0 && !sn.arg(0).isEmpty()) {
        sb.append(' ').append(sn.arg(0));
      } else {
        // nginx logs such a server as "server: " (empty): its listen tells it apart
        Directive listen = d.child("listen");
        sb.append(" without server_name").append(listen == null ? "" : ", listen " + listen.arg(0));
      }
      return sb.toString();
    }
    for (int i = 0; i < d.argCount() && i < 2; i++) {
      sb.append(' ').append(d.arg(i));
    }
    return sb.toString();
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }
}
