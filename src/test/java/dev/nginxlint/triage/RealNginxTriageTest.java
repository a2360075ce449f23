package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nginxlint.testsupport.RealNginx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts real nginx (its own prefix in a temp dir, daemon off, listening only on 127.0.0.1 high
 * ports) in front of tiny misbehaving backends, provokes each failure, and checks that triage
 * groups nginx's own log lines under the right signature. Set TRIAGE_CAPTURE=DIR to keep the
 * error logs (that is how src/test/resources/triage/nginx/*.log were made).
 */
class RealNginxTriageTest {

  private final List<Process> nginxes = new ArrayList<>();
  private final List<ServerSocket> backends = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    stopAll();
    for (Path d : dirs) {
      try (Stream<Path> s = Files.walk(d)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void stopAll() throws Exception {
    for (Process p : nginxes) {
      p.destroy(); // SIGTERM: nginx's fast shutdown
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    for (ServerSocket s : backends) {
      s.close();
    }
    nginxes.clear();
    backends.clear();
  }

  @Test
  @Timeout(120)
  void classifiesWhatRealNginxLogs() throws Exception {
    RealNginx.requireOrSkip();
    int dead = freePort();
    int dead2 = freePort();
    int slow = backend(s -> {
      readRequest(s);
      sleep(3000);
    });
    int closer = backend(RealNginxTriageTest::readRequest);
    int bigHeader = backend(s -> {
      readRequest(s);
      write(s, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\nContent-Length: 0\r\n\r\n");
    });
    int invalid = backend(s -> {
      readRequest(s);
      write(s, "HTTP/1.1 200 OK\r\nX-Bad\u0000Name: v\r\nContent-Length: 0\r\n\r\n");
    });
    int reset = backend(s -> {
      readRequest(s);
      try {
        s.setSoLinger(true, 0); // close with RST
      } catch (IOException e) {
        // the test then fails on the missing 104 line
      }
    });
    int port = freePort();
    String http = "  upstream flaky { server 127.0.0.1:" + dead + " max_fails=1 fail_timeout=60s;"
        + " server 127.0.0.1:" + dead2 + " max_fails=1 fail_timeout=60s; }\n"
        + "  server {\n    listen 127.0.0.1:" + port + ";\n    server_name triage.test;\n"
        + "    proxy_read_timeout 1s;\n    proxy_buffer_size 1k;\n"
        + "    location /refused/ { proxy_pass http://127.0.0.1:" + dead + "; }\n"
        + "    location /slow/ { proxy_pass http://127.0.0.1:" + slow + "; }\n"
        + "    location /closer/ { proxy_pass http://127.0.0.1:" + closer + "; }\n"
        + "    location /big/ { proxy_pass http://127.0.0.1:" + bigHeader + "; }\n"
        + "    location /invalid/ { proxy_pass http://127.0.0.1:" + invalid + "; }\n"
        + "    location /reset/ { proxy_pass http://127.0.0.1:" + reset + "; }\n"
        + "    location /flaky/ { proxy_pass http://flaky; }\n"
        + "    location /var/ { set $b backend.invalid; proxy_pass http://$b:" + dead + "; }\n"
        + "  }\n";
    Path log = startNginx(1024, http);
    for (String path : List.of("/refused/a", "/slow/a", "/closer/a", "/big/a", "/invalid/a", "/reset/a",
        "/flaky/1", "/flaky/2", "/flaky/3", "/var/a")) {
      get(port, path);
    }
    // a second instance with 4 connection slots: a few concurrent slow requests exhaust them
    int small = freePort();
    Path log2 = startNginx(4, "  server {\n    listen 127.0.0.1:" + small + ";\n    server_name small.test;\n"
        + "    location / { proxy_pass http://127.0.0.1:" + slow + "; }\n  }\n");
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> get(small, "/x"));
      t.start();
      clients.add(t);
    }
    for (Thread t : clients) {
      t.join(15000);
    }
    stopAll();
    String capture = System.getenv("TRIAGE_CAPTURE");
    if (capture != null) {
      Files.createDirectories(Path.of(capture));
      Files.copy(log, Path.of(capture, "upstream-errors.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(log2, Path.of(capture, "worker-connections.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, Long> groups = signatures(Files.readAllBytes(log));
    groups.putAll(signatures(Files.readAllBytes(log2)));
    String all = groups.toString() + "\n" + Files.readString(log, StandardCharsets.ISO_8859_1);
    for (String expected : List.of("connect() failed 111 refused", "upstream timed out 110 read-timeout",
        "upstream prematurely closed connection 0 prematurely-closed", "upstream sent too big header 0 too-big-header",
        "upstream sent invalid header 0 invalid-header", "recv() failed 104 reset",
        "no live upstreams 0 no-live-upstreams", "no resolver defined to resolve 0 no-resolver",
        "worker_connections are not enough 0 worker-connections")) {
      assertTrue(groups.containsKey(expected), "missing " + expected + " in " + all);
    }
  }

  /** "op errno catalog-id" → lines, from triage's groups. */
  static Map<String, Long> signatures(byte[] log) throws IOException {
    GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
    LogReader.read(new ByteArrayInputStream(log), acc::accept);
    Map<String, Long> out = new TreeMap<>();
    for (GroupAccumulator.Group g : acc.groups()) {
      out.merge(g.op + " " + g.errno + " " + (g.entry == null ? "?" : g.entry.id()), g.count, Long::sum);
    }
    return out;
  }

  // ---- nginx ----

  private Path startNginx(int workerConnections, String http) throws Exception {
    Path dir = Files.createTempDirectory("triage-nginx");
    dirs.add(dir);
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("tmp"));
    String conf = "daemon off;\nworker_processes 1;\npid logs/nginx.pid;\nerror_log logs/error.log info;\n"
        + "events { worker_connections " + workerConnections + "; }\n"
        + "http {\n  access_log off;\n  client_body_temp_path tmp/body;\n  proxy_temp_path tmp/proxy;\n"
        + "  fastcgi_temp_path tmp/fastcgi;\n  uwsgi_temp_path tmp/uwsgi;\n  scgi_temp_path tmp/scgi;\n"
        + http + "}\n";
    Files.writeString(dir.resolve("nginx.conf"), conf);
    Process p = new ProcessBuilder(RealNginx.binary().toString(), "-p", dir + "/", "-c", "nginx.conf")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stderr.txt").toFile()).start();
    nginxes.add(p);
    int port = Integer.parseInt(http.replaceAll("(?s).*?listen 127\\.0\\.0\\.1:(\\d+).*", "$1"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        break;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          fail("nginx did not start: " + Files.readString(dir.resolve("stderr.txt")));
        }
        Thread.sleep(50);
      }
    }
    return dir.resolve("logs/error.log");
  }

  private static void get(int port, String path) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(10000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: triage.test\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      while (in.read(new byte[4096]) >= 0) {
        // drain until nginx closes
      }
    } catch (IOException e) {
      // a reset or timeout is what some cases are about
    }
  }

  // ---- backends ----

  private int backend(Consumer<Socket> handler) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 50);
    backends.add(server);
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          Thread h = new Thread(() -> {
            try (s) {
              handler.accept(s);
            } catch (IOException e) {
              // the client went away
            }
          });
          h.setDaemon(true);
          h.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  private static void readRequest(Socket s) {
    try {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        sb.append((char) c);
        if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      // give up waiting
    } catch (IOException e) {
      // closed
    }
  }

  private static void write(Socket s, String text) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // nginx closed first: fine
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
