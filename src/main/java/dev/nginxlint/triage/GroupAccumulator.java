package dev.nginxlint.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams log lines into groups (operation, errno, action, upstream) in bounded memory: at most
 * {@code maxGroups} distinct groups, the rest rolled into one "other" group; bounded histograms,
 * a bounded sample of server names and request paths per group. Lines of known signatures are
 * grouped at any level; unknown messages only at level error and worse.
 */
public final class GroupAccumulator {

  public static final String OTHER = "other";
  private static final int MAX_SAMPLES = 5;
  private static final int SAMPLE_CHARS = 600;

  /** One group of alike lines. */
  public static final class Group {
    public final String op;
    public final int errno;
    public final String errText;
    public final String phase;
    public final String upstream;
    public final SignatureCatalog.Entry entry;
    /** Lines of the stream module: their server is a listen address and their config a stream {} block. */
    public final boolean stream;
    public String level;
    public long count;
    public String first;
    public String last;
    long firstKey = Long.MAX_VALUE;
    long lastKey = Long.MIN_VALUE;
    public String sample;
    public final Histogram histogram = new Histogram(30);
    /** server name → lines (at most MAX_SAMPLES names). */
    public final Map<String, Long> servers = new LinkedHashMap<>();
    /** request paths seen first (at most MAX_SAMPLES). */
    public final List<String> paths = new ArrayList<>();
    /**
     * Lines whose server field is empty: the handling server's first server_name is "" (nginx's
     * default when server_name is unset).
     */
    public long unnamedServer;
    /** Host header values seen first (at most MAX_SAMPLES): they hint at the listen address. */
    public final List<String> hosts = new ArrayList<>();
    /**
     * Port exhaustion only: the most client connections of one worker with a line in the same
     * second (a lower bound of that worker's concurrent requests to the upstream), with the second
     * and the worker; 0 when the lines carry no connection numbers.
     */
    public int peakConnections;
    public String peakAt;
    public long peakPid;
    private final Map<Long, java.util.Set<Long>> perSecond = new java.util.HashMap<>();

    Group(String op, int errno, String errText, String phase, String upstream, SignatureCatalog.Entry entry,
        boolean stream) {
      this.stream = stream;
      this.op = op;
      this.errno = errno;
      this.errText = errText;
      this.phase = phase;
      this.upstream = upstream;
      this.entry = entry;
    }

    void add(LogLine l, String raw) {
      count++;
      if (level == null || severity(l.level()) > severity(level)) {
        level = l.level();
      }
      if (l.timeKey() < firstKey) {
        firstKey = l.timeKey();
        first = l.time();
      }
      if (l.timeKey() > lastKey) {
        lastKey = l.timeKey();
        last = l.time();
      }
      if (sample == null) {
        sample = raw.length() > SAMPLE_CHARS ? raw.substring(0, SAMPLE_CHARS) + "..." : raw;
      }
      histogram.add(l.timeKey());
      if (entry != null && entry.id().equals("ephemeral-ports") && l.connection() >= 0) {
        peak(l);
      }
      if (l.server() != null && !l.server().isEmpty() && (servers.containsKey(l.server()) || servers.size() < MAX_SAMPLES)) {
        servers.merge(l.server(), 1L, Long::sum);
      }
      if (l.server() != null && l.server().isEmpty()) {
        unnamedServer++;
      }
      if (l.host() != null && hosts.size() < MAX_SAMPLES && !hosts.contains(l.host())) {
        hosts.add(l.host());
      }
      if (paths.size() < MAX_SAMPLES) {
        String path = l.requestPath();
        if (path != null && !paths.contains(path)) {
          paths.add(path);
        }
      }
    }

    private void peak(LogLine l) {
      // key: second and worker; the log is written in time order, so a few keys are enough
      long key = l.timeKey() * 10_000_000L + Math.floorMod(l.pid(), 10_000_000L);
      java.util.Set<Long> conns = perSecond.get(key);
      if (conns == null) {
        if (perSecond.size() >= 16) {
          perSecond.remove(java.util.Collections.min(perSecond.keySet()));
        }
        conns = new java.util.HashSet<>();
        perSecond.put(key, conns);
      }
      if (conns.add(l.connection()) && conns.size() > peakConnections) {
        peakConnections = conns.size();
        peakAt = l.time();
        peakPid = l.pid();
      }
    }

    public boolean isOther() {
      return op.equals(OTHER) && entry == null && upstream == null && errno == 0;
    }
  }

  private final int maxGroups;
  private final TimeWindow window;
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private Group other;
  private final Histogram histogram = new Histogram(60);
  private long lines;
  private long unparsed;
  private long outsideWindow;
  private long ungrouped;

  public GroupAccumulator(int maxGroups, TimeWindow window) {
    this.maxGroups = maxGroups;
    this.window = window;
  }

  /** One line of the log; null stands for an over-long line. */
  public void accept(String raw) {
    lines++;
    LogLine l = raw == null ? null : LogLineParser.parse(raw);
    if (l == null) {
      unparsed++;
      return;
    }
    if (!window.contains(l.timeKey())) {
      outsideWindow++;
      return;
    }
    String upstream = l.upstreamKey();
    String key = l.op() + '\u0000' + l.errno() + '\u0000' + l.phase() + '\u0000' + upstream + (l.stream() ? "\u0000s" : "");
    Group g = groups.get(key);
    if (g == null) {
      SignatureCatalog.Entry entry = SignatureCatalog.find(l);
      if (entry == null && severity(l.level()) < severity("error")) {
        ungrouped++;
        return;
      }
      if (groups.size() >= maxGroups) {
        if (other == null) {
          other = new Group(OTHER, 0, null, null, null, null, false);
        }
        g = other;
      } else {
        g = new Group(l.op(), l.errno(), l.errText(), l.phase(), upstream, entry, l.stream());
        groups.put(key, g);
      }
    }
    g.add(l, raw);
    histogram.add(l.timeKey());
  }

  /** The groups, most lines first ("other" last). */
  public List<Group> groups() {
    List<Group> out = new ArrayList<>(groups.values());
    out.sort(Comparator.comparingLong((Group g) -> -g.count).thenComparing(g -> g.firstKey));
    if (other != null) {
      out.add(other);
    }
    return out;
  }

  public Histogram histogram() { return histogram; }
  public long lines() { return lines; }
  public long unparsed() { return unparsed; }
  public long outsideWindow() { return outsideWindow; }
  /** Parsed lines below level error that no signature knows (startup notices and the like). */
  public long ungrouped() { return ungrouped; }

  static int severity(String level) {
    return switch (level) {
      case "debug" -> 0;
      case "info" -> 1;
      case "notice" -> 2;
      case "warn" -> 3;
      case "error" -> 4;
      case "crit" -> 5;
      case "alert" -> 6;
      default -> 7;
    };
  }
}
