package dev.nginxlint.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about the machine this runs on, read from /proc without privileges: TIME-WAIT and
 * CLOSE-WAIT sockets per destination and per local endpoint, the ephemeral port range,
 * tcp_tw_reuse, somaxconn, listen-queue overflows (TcpExt ListenOverflows/ListenDrops, since
 * boot), and the open-files limit of running nginx workers.
 * A fact that cannot be read (no /proc, permission denied) is left out with a note; nothing
 * here ever fails the run. {@code proc} is the /proc directory (a fake tree in tests).
 */
public final class HostFacts {

  /** The facts read (name → value) and notes about the ones that could not be. */
  public record Facts(Map<String, Object> values, List<String> notes) {}

  private HostFacts() {}

  /** TCP states in /proc/net/tcp ("st" column). */
  static final String TIME_WAIT = "06";
  static final String CLOSE_WAIT = "08";
  /** Endpoints listed per state and side; the rest are summed in the totals only. */
  static final int TOP = 8;

  public static Facts read(Path proc) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Sockets sockets = new Sockets();
    boolean anyTcp = false;
    for (String f : new String[] {"net/tcp", "net/tcp6"}) {
      try (var lines = Files.lines(proc.resolve(f), StandardCharsets.ISO_8859_1)) {
        lines.forEach(sockets::add);
        anyTcp = true;
      } catch (IOException | RuntimeException e) {
        notes.add("cannot read " + proc.resolve(f) + ": " + reason(e));
      }
    }
    if (anyTcp) {
      values.put("timeWaitSockets", sockets.total(TIME_WAIT));
      values.put("timeWaitByDestination", sockets.top(TIME_WAIT, true));
      values.put("timeWaitByLocal", sockets.top(TIME_WAIT, false));
      values.put("closeWaitSockets", sockets.total(CLOSE_WAIT));
      values.put("closeWaitByDestination", sockets.top(CLOSE_WAIT, true));
      values.put("closeWaitByLocal", sockets.top(CLOSE_WAIT, false));
    }
    try {
      String[] range = first(proc.resolve("sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      long lo = Long.parseLong(range[0]);
      long hi = Long.parseLong(range[1]);
      values.put("ephemeralPortRange", lo + "-" + hi);
      values.put("ephemeralPorts", hi - lo + 1);
    } catch (IOException | RuntimeException e) {
      notes.add("cannot read ip_local_port_range: " + reason(e));
    }
    try {
      values.put("tcpTwReuse", Integer.parseInt(first(proc.resolve("sys/net/ipv4/tcp_tw_reuse")).trim()));
    } catch (IOException | RuntimeException e) {
      notes.add("cannot read tcp_tw_reuse: " + reason(e));
    }
    try {
      values.put("somaxconn", Long.parseLong(first(proc.resolve("sys/net/core/somaxconn")).trim()));
    } catch (IOException | RuntimeException e) {
      notes.add("cannot read net.core.somaxconn: " + reason(e));
    }
    try {
      Map<String, Long> tcpExt = tcpExt(Files.readAllLines(proc.resolve("net/netstat"), StandardCharsets.ISO_8859_1));
      for (String name : new String[] {"ListenOverflows", "ListenDrops"}) {
        if (tcpExt.containsKey(name)) {
          values.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), tcpExt.get(name));
        }
      }
    } catch (IOException | RuntimeException e) {
      notes.add("cannot read " + proc.resolve("net/netstat") + ": " + reason(e));
    }
    workers(proc, values, notes);
    return new Facts(values, notes);
  }

  /**
   * Counts of /proc/net/tcp(6) sockets per state, by remote endpoint (the destination of this
   * host's connections: an upstream's ip:port piles up there) and by local endpoint (a port of
   * this host that others connect to). A client's ephemeral ports are spread over many keys, so a
   * key with many sockets is a service.
   */
  static final class Sockets {
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> byRemote = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> byLocal = new LinkedHashMap<>();

    void add(String line) {
      String[] cols = line.trim().split("\\s+", 5);
      if (cols.length < 4 || !cols[0].endsWith(":")) {
        return; // the header line
      }
      String state = cols[3];
      if (!state.equals(TIME_WAIT) && !state.equals(CLOSE_WAIT)) {
        return;
      }
      totals.merge(state, 1L, Long::sum);
      String local = endpoint(cols[1]);
      String remote = endpoint(cols[2]);
      if (remote != null) {
        byRemote.computeIfAbsent(state, k -> new LinkedHashMap<>()).merge(remote, 1L, Long::sum);
      }
      if (local != null) {
        byLocal.computeIfAbsent(state, k -> new LinkedHashMap<>()).merge(local, 1L, Long::sum);
      }
    }

    long total(String state) {
      return totals.getOrDefault(state, 0L);
    }

    /** The endpoints with more than one socket, most first, at most {@link #TOP}. */
    Map<String, Long> top(String state, boolean remote) {
      Map<String, Long> all = (remote ? byRemote : byLocal).getOrDefault(state, Map.of());
      Map<String, Long> out = new LinkedHashMap<>();
      all.entrySet().stream().filter(e -> e.getValue() > 1)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(TOP).forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    }
  }

  /**
   * "0100007F:1F90" → "127.0.0.1:8080"; a 32-digit IPv6 address (four little-endian words) →
   * "[::1]:8080", an IPv4-mapped one as IPv4: the forms nginx writes in its upstream field.
   * Null for a malformed field.
   */
  static String endpoint(String hex) {
    int colon = hex.indexOf(':');
    if (colon != 8 && colon != 32) {
      return null;
    }
    try {
      int port = Integer.parseInt(hex.substring(colon + 1), 16);
      byte[] addr = new byte[colon / 2];
      for (int word = 0; word < addr.length / 4; word++) {
        for (int b = 0; b < 4; b++) {
          // each 32-bit word is written in host (little-endian) order
          addr[word * 4 + b] = (byte) Integer.parseInt(hex.substring(word * 8 + (3 - b) * 2, word * 8 + (3 - b) * 2 + 2), 16);
        }
      }
      var ip = java.net.InetAddress.getByAddress(addr);
      if (ip instanceof java.net.Inet4Address) {
        return ip.getHostAddress() + ":" + port;
      }
      return "[" + compress(ip.getHostAddress()) + "]:" + port;
    } catch (RuntimeException | java.net.UnknownHostException e) {
      return null;
    }
  }

  /** "0:0:0:0:0:0:0:1" → "::1" (the longest run of zero groups becomes ::). */
  static String compress(String full) {
    String[] g = full.split(":");
    int bestAt = -1;
    int bestLen = 1;
    for (int i = 0; i < g.length; ) {
      int j = i;
      while (j < g.length && g[j].equals("0")) {
        j++;
      }
      if (j - i > bestLen) {
        bestAt = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestAt < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestAt));
    String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestAt + bestLen, g.length));
    return head + "::" + tail;
  }

  /** The TcpExt counters of /proc/net/netstat: a line of names, then a line of values, both "TcpExt: ...". */
  static Map<String, Long> tcpExt(List<String> lines) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
        String[] names = lines.get(i).substring(7).trim().split("\\s+");
        String[] nums = lines.get(i + 1).substring(7).trim().split("\\s+");
        for (int k = 0; k < names.length && k < nums.length; k++) {
          try {
            out.put(names[k], Long.parseLong(nums[k]));
          } catch (NumberFormatException e) {
            // a counter that is not a number is left out
          }
        }
        return out;
      }
    }
    return out;
  }

  private static void workers(Path proc, Map<String, Object> values, List<String> notes) {
    List<Map<String, Object>> workers = new ArrayList<>();
    int unreadable = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        String cmd;
        try {
          cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.ISO_8859_1).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
          continue; // the process ended meanwhile, or is not ours to read
        }
        if (!cmd.startsWith("nginx: worker process")) {
          continue;
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("pid", Long.parseLong(dir.getFileName().toString()));
        try {
          for (String line : Files.readAllLines(dir.resolve("limits"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Max open files")) {
              String[] cols = line.substring("Max open files".length()).trim().split("\\s+");
              w.put("maxOpenFilesSoft", cols[0]);
              w.put("maxOpenFilesHard", cols[1]);
            }
          }
        } catch (IOException | RuntimeException e) {
          unreadable++;
        }
        workers.add(w);
        if (workers.size() >= 16) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      notes.add("cannot list processes in " + proc + ": " + reason(e));
      return;
    }
    if (workers.isEmpty()) {
      notes.add("no running nginx worker process found");
    } else {
      values.put("nginxWorkers", workers);
    }
    if (unreadable > 0) {
      notes.add("the limits of " + unreadable + " nginx worker(s) are not readable (another user; run as root to see them)");
    }
  }

  private static String first(Path p) throws IOException {
    return Files.readAllLines(p, StandardCharsets.ISO_8859_1).get(0);
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
