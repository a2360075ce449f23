package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {

  @Test
  void readsAFakeProc(@TempDir Path proc) throws IOException {
    Files.createDirectories(proc.resolve("net"));
    Files.createDirectories(proc.resolve("sys/net/ipv4"));
    String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    Files.writeString(proc.resolve("net/tcp"), header
        + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
        + "   1: 0100007F:C350 0100007F:1F90 06 00000000:00000000 03:00000F2B 00000000     0        0 0 3\n"
        + "   2: 0100007F:C351 0100007F:1F90 06 00000000:00000000 03:00000F2B 00000000     0        0 0 3\n");
    Files.writeString(proc.resolve("net/tcp6"), header
        + "   0: 00000000000000000000000001000000:C352 00000000000000000000000001000000:1F90 06 0:0 0:0 0 0 0 0\n");
    Files.writeString(proc.resolve("sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
    Files.writeString(proc.resolve("sys/net/ipv4/tcp_tw_reuse"), "2\n");
    Files.createDirectories(proc.resolve("sys/net/core"));
    Files.writeString(proc.resolve("sys/net/core/somaxconn"), "4096\n");
    Files.writeString(proc.resolve("net/netstat"), "TcpExt: ListenOverflows ListenDrops\nTcpExt: 0 0\n");
    Path w = Files.createDirectories(proc.resolve("4242"));
    Files.write(w.resolve("cmdline"), "nginx: worker process\0".getBytes());
    Files.writeString(w.resolve("limits"), "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max open files            1024                 524288               files\n");
    Path m = Files.createDirectories(proc.resolve("4241"));
    Files.write(m.resolve("cmdline"), "nginx: master process /usr/sbin/nginx\0".getBytes());
    HostFacts.Facts f = HostFacts.read(proc);
    assertEquals(3L, f.values().get("timeWaitSockets"));
    assertEquals("32768-60999", f.values().get("ephemeralPortRange"));
    assertEquals(28232L, f.values().get("ephemeralPorts"));
    assertEquals(2, f.values().get("tcpTwReuse"));
    List<?> workers = (List<?>) f.values().get("nginxWorkers");
    assertEquals(1, workers.size());
    assertEquals("1024", ((Map<?, ?>) workers.get(0)).get("maxOpenFilesSoft"));
    assertTrue(f.notes().isEmpty(), f.notes().toString());
  }

  /**
   * src/test/resources/triage/proc: /proc-format text (net/tcp, net/tcp6, net/netstat, sysctls)
   * with 6 TIME-WAIT sockets to 127.0.0.1:9000 (one of them IPv4-mapped IPv6), 2 to [::1]:9001, 2
   * at this host's 127.0.0.1:8080, one to 10.0.0.5:5432, 3 CLOSE-WAIT at 127.0.0.1:9000, an
   * established one, and ListenOverflows 1234.
   */
  static final Path PROC = Path.of("src/test/resources/triage/proc");

  @Test
  void countsPerDestinationNotTheMachineTotal() {
    HostFacts.Facts f = HostFacts.read(PROC);
    assertEquals(11L, f.values().get("timeWaitSockets"));
    assertEquals(Map.of("127.0.0.1:9000", 6L, "[::1]:9001", 2L), f.values().get("timeWaitByDestination"));
    assertEquals(List.of("127.0.0.1:9000", "[::1]:9001"),
        List.copyOf(((Map<?, ?>) f.values().get("timeWaitByDestination")).keySet()), "most first");
    assertEquals(Map.of("127.0.0.1:8080", 2L), f.values().get("timeWaitByLocal"));
    assertEquals(3L, f.values().get("closeWaitSockets"));
    assertEquals(Map.of("127.0.0.1:9000", 3L), f.values().get("closeWaitByLocal"));
    assertEquals(Map.of(), f.values().get("closeWaitByDestination"));
    assertEquals(1234L, f.values().get("listenOverflows"));
    assertEquals(1240L, f.values().get("listenDrops"));
    assertEquals(4096L, f.values().get("somaxconn"));
    assertEquals(8L, f.values().get("ephemeralPorts"));
  }

  @Test
  void endpointsAreWrittenAsNginxLogsThem() {
    assertEquals("127.0.0.1:8080", HostFacts.endpoint("0100007F:1F90"));
    assertEquals("10.0.0.5:5432", HostFacts.endpoint("0500000A:1538"));
    assertEquals("[::1]:9001", HostFacts.endpoint("00000000000000000000000001000000:2329"));
    assertEquals("127.0.0.1:9000", HostFacts.endpoint("0000000000000000FFFF00000100007F:2328"));
    // 2001:db8::5 as four little-endian words
    assertEquals("[2001:db8::5]:443", HostFacts.endpoint("B80D0120000000000000000005000000:01BB"));
    assertEquals(null, HostFacts.endpoint("zz:1F90"));
    assertEquals(Map.of(), HostFacts.tcpExt(List.of("MPTcpExt: ListenOverflows", "MPTcpExt: 7")));
  }

  @Test
  void missingProcIsNotesNotErrors(@TempDir Path dir) {
    HostFacts.Facts f = HostFacts.read(dir.resolve("no-proc"));
    assertTrue(f.values().isEmpty());
    assertFalse(f.notes().isEmpty());
  }
}
