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
 * Facts about the machine this runs on, read from /proc without privileges: TIME-WAIT sockets,
 * the ephemeral port range, tcp_tw_reuse, and the open-files limit of running nginx workers.
 * A fact that cannot be read (no /proc, permission denied) is left out with a note; nothing
 * here ever fails the run. {@code proc} is the /proc directory (a fake tree in tests).
 */
public final class HostFacts {

  /** The facts read (name → value) and notes about the ones that could not be. */
  public record Facts(Map<String, Object> values, List<String> notes) {}

  private HostFacts() {}

  public static Facts read(Path proc) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    long tw = 0;
    boolean anyTcp = false;
    for (String f : new String[] {"net/tcp", "net/tcp6"}) {
      try {
        tw += timeWait(proc.resolve(f));
        anyTcp = true;
      } catch (IOException | RuntimeException e) {
        notes.add("cannot read " + proc.resolve(f) + ": " + reason(e));
      }
    }
    if (anyTcp) {
      values.put("timeWaitSockets", tw);
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
    workers(proc, values, notes);
    return new Facts(values, notes);
  }

  /** Sockets in state 06 (TIME_WAIT) in a /proc/net/tcp-format file. */
  static long timeWait(Path file) throws IOException {
    long n = 0;
    try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
      for (String line : (Iterable<String>) lines::iterator) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length > 3 && cols[0].endsWith(":") && cols[3].equals("06")) {
          n++;
        }
      }
    }
    return n;
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
