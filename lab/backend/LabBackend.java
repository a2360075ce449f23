import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The 502 lab's backend: a tiny HTTP/1.1 server (plus an optional UDP DNS responder), loopback
 * only. Run with the single-file launcher ({@code java lab/backend/LabBackend.java --port 9000})
 * or compiled once (lab/run does that).
 *
 * <p>Behaviour, chosen to be like many application servers:
 *
 * <ul>
 *   <li>HTTP/1.1 without {@code Connection: close}: the connection is kept alive.
 *   <li>HTTP/1.0 (without {@code Connection: keep-alive}) or {@code Connection: close}: the answer
 *       carries {@code Connection: close}, and then the server waits for the client to close first
 *       (EOF, bounded by {@code --linger-ms}). The client, i.e. nginx, is then the side that keeps
 *       the TIME-WAIT socket. {@code --close-first} makes it close first instead (as nginx does).
 * </ul>
 *
 * <p>Switches (times in ms; "first request" = the first request seen on any port):
 *
 * <pre>
 *   --port P                 listen on 127.0.0.1:P (repeatable)
 *   --bind ADDR              listen on ADDR instead of 127.0.0.1 (a loopback address: 127.0.0.2)
 *   --move P:AT:ADDR         the backend is re-created elsewhere: AT ms after the first request,
 *                            stop listening on P, reset every open connection of P and listen on
 *                            ADDR:P instead; the DNS responder answers with ADDR from then on
 *   --delay-ms N             wait N ms before each response (all ports)
 *   --port-delay P:N         wait N ms before each response on port P (e.g. a hung server)
 *   --reset P:FIRST:EVERY    from FIRST ms after the first request, every EVERY ms, answer the next
 *                            request on P with a TCP reset (SO_LINGER 0 close) instead of a response
 *   --down P:AT:FOR          crash blip: AT ms after the first request, stop listening on P and reset
 *                            every open connection of P, listen again FOR ms later
 *   --exit-after N           exit the whole process N ms after the first request (a crash)
 *   --close-first            close right after a Connection: close response
 *   --linger-ms N            how long to wait for the client's EOF (default 5000)
 *   --idle-ms N              close a kept-alive connection after N ms without a request, as
 *                            application servers do (Node.js keepAliveTimeout 5 s, gunicorn 2 s);
 *                            default 120000 (longer than nginx's 60 s cache)
 *   --event-loop-ms N        serve requests one at a time on one "event loop", N ms each, and run
 *                            the idle timers before the requests that wait for the loop (Node.js:
 *                            the timers phase runs before the poll phase): a request that arrived
 *                            in time but waited past its connection's idle deadline meets a reset
 *   --dns ADDR:PORT          answer DNS A queries on UDP ADDR:PORT with the backend's current
 *                            address (127.0.0.1, --bind, then --move's; AAAA: no data)
 *   --dns-ttl S              the TTL of those answers (default 30)
 * </pre>
 *
 * Prints "ready" once every socket listens, and a one-line summary on exit (SIGTERM).
 */
public final class LabBackend {

  private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

  private final List<Integer> ports = new ArrayList<>();
  private final Map<Integer, Long> portDelay = new ConcurrentHashMap<>();
  private final Map<Integer, long[]> resets = new ConcurrentHashMap<>(); // port -> {first, every, next}
  private final Map<Integer, long[]> downs = new ConcurrentHashMap<>(); // port -> {at, for}
  private final Map<Integer, ServerSocket> listeners = new ConcurrentHashMap<>();
  private final Map<Integer, Set<Socket>> open = new ConcurrentHashMap<>();
  private long delayMs;
  private long exitAfter = -1;
  private boolean closeFirst;
  private int lingerMs = 5000;
  private int idleMs = 120_000;
  private long eventLoopMs;
  /** Fair: requests get the loop in the order they arrived, as the poll phase reads them. */
  private final ReentrantLock eventLoop = new ReentrantLock(true);
  private final AtomicLong idleRaces = new AtomicLong();
  private String dns;
  private int dnsTtl = 30;
  /** Where the ports listen now: --bind, then --move's address; also the DNS answer. */
  private volatile InetAddress address = InetAddress.getLoopbackAddress();
  private final Map<Integer, Object[]> moves = new ConcurrentHashMap<>(); // port -> {at, address}

  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r);
    t.setDaemon(true);
    return t;
  });
  private volatile long firstRequestNanos;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong closes = new AtomicLong();
  private final AtomicLong resetCount = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong dnsAnswers = new AtomicLong();

  public static void main(String[] args) throws Exception {
    LabBackend b = new LabBackend();
    b.parse(args);
    b.start();
  }

  private void parse(String[] a) {
    for (int i = 0; i < a.length; i++) {
      String k = a[i];
      if (k.equals("--close-first")) {
        closeFirst = true;
        continue;
      }
      if (i + 1 >= a.length) {
        usage("missing value for " + k);
      }
      String v = a[++i];
      switch (k) {
        case "--port" -> ports.add(Integer.parseInt(v));
        case "--delay-ms" -> delayMs = Long.parseLong(v);
        case "--port-delay" -> {
          String[] p = v.split(":");
          portDelay.put(Integer.parseInt(p[0]), Long.parseLong(p[1]));
        }
        case "--reset" -> {
          String[] p = v.split(":");
          long first = Long.parseLong(p[1]);
          resets.put(Integer.parseInt(p[0]), new long[] {first, Long.parseLong(p[2]), first});
        }
        case "--down" -> {
          String[] p = v.split(":");
          downs.put(Integer.parseInt(p[0]), new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
        }
        case "--exit-after" -> exitAfter = Long.parseLong(v);
        case "--linger-ms" -> lingerMs = Integer.parseInt(v);
        case "--idle-ms" -> idleMs = Integer.parseInt(v);
        case "--event-loop-ms" -> eventLoopMs = Long.parseLong(v);
        case "--dns" -> dns = v;
        case "--dns-ttl" -> dnsTtl = Integer.parseInt(v);
        case "--bind" -> address = loopback(v);
        case "--move" -> {
          String[] p = v.split(":", 3);
          moves.put(Integer.parseInt(p[0]), new Object[] {Long.parseLong(p[1]), loopback(p[2])});
        }
        default -> usage("unknown option " + k);
      }
    }
    if (ports.isEmpty()) {
      usage("no --port");
    }
  }

  /** A literal loopback address: the lab never listens anywhere else. */
  private static InetAddress loopback(String literal) {
    try {
      InetAddress a = InetAddress.getByName(literal);
      if (!a.isLoopbackAddress() || !Character.isDigit(literal.charAt(0))) {
        usage("not a loopback address literal: " + literal);
      }
      return a;
    } catch (IOException e) {
      usage("bad address " + literal);
      return null;
    }
  }

  private static void usage(String why) {
    System.err.println("LabBackend: " + why);
    System.exit(2);
  }

  private void start() throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(
        "backend: connections=" + connections + " responses=" + served + " close-responses=" + closes
            + " resets=" + resetCount + " idle-races=" + idleRaces + " dns-answers=" + dnsAnswers)));
    for (int port : ports) {
      open.put(port, ConcurrentHashMap.newKeySet());
      listen(port);
    }
    if (dns != null) {
      int c = dns.lastIndexOf(':');
      DatagramSocket ds = new DatagramSocket(
          new InetSocketAddress(InetAddress.getByName(dns.substring(0, c)), Integer.parseInt(dns.substring(c + 1))));
      pool.execute(() -> dnsLoop(ds));
    }
    System.out.println("ready");
    System.out.flush();
    Thread.currentThread().join();
  }

  private void listen(int port) throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    ss.bind(new InetSocketAddress(address, port), 1024);
    listeners.put(port, ss);
    pool.execute(() -> acceptLoop(port, ss));
  }

  private void acceptLoop(int port, ServerSocket ss) {
    while (!ss.isClosed()) {
      try {
        Socket s = ss.accept();
        connections.incrementAndGet();
        open.get(port).add(s);
        pool.execute(() -> serve(port, s));
      } catch (IOException e) {
        return; // closed by a crash blip
      }
    }
  }

  private long sinceFirstMs() {
    return (System.nanoTime() - firstRequestNanos) / 1_000_000;
  }

  private synchronized void firstRequest() {
    if (firstRequestNanos != 0) {
      return;
    }
    firstRequestNanos = System.nanoTime();
    downs.forEach((port, d) -> pool.execute(() -> crashBlip(port, d[0], d[1])));
    moves.forEach((port, m) -> pool.execute(() -> move(port, (Long) m[0], (InetAddress) m[1])));
    if (exitAfter >= 0) {
      pool.execute(() -> {
        sleep(exitAfter);
        System.out.println("backend: exiting (--exit-after)");
        Runtime.getRuntime().halt(0);
      });
    }
  }

  private void crashBlip(int port, long at, long dur) {
    sleep(at);
    drop(port);
    System.out.println("backend: port " + port + " down at " + sinceFirstMs() + " ms");
    sleep(dur);
    try {
      listen(port);
      System.out.println("backend: port " + port + " up at " + sinceFirstMs() + " ms");
    } catch (IOException e) {
      System.out.println("backend: cannot listen again on " + port + ": " + e);
    }
  }

  /** The port goes away as a crashed process's would: no listener, and its connections reset. */
  private void drop(int port) {
    try {
      listeners.get(port).close();
    } catch (IOException ignored) {
      // already closed
    }
    for (Socket s : open.get(port)) {
      reset(s);
    }
  }

  /**
   * The backend re-created with another address (a container after {@code docker compose up}):
   * the old address refuses from then on, and DNS answers with the new one.
   */
  private void move(int port, long at, InetAddress to) {
    sleep(at);
    drop(port);
    address = to;
    try {
      listen(port);
      System.out.println("backend: port " + port + " moved to " + to.getHostAddress() + " at " + sinceFirstMs() + " ms");
    } catch (IOException e) {
      System.out.println("backend: cannot listen on " + to.getHostAddress() + ":" + port + ": " + e);
    }
  }

  /** True when this request on {@code port} is due for a reset (at most one per period). */
  private boolean resetDue(int port) {
    long[] r = resets.get(port);
    if (r == null) {
      return false;
    }
    synchronized (r) {
      if (sinceFirstMs() >= r[2]) {
        r[2] += r[1];
        return true;
      }
      return false;
    }
  }

  private void serve(int port, Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[16384];
      long idleDeadline = Long.MAX_VALUE;
      while (true) {
        s.setSoTimeout(idleMs); // idle keepalive connection: by default longer than nginx's 60 s cache
        Request req = readRequest(in, buf);
        if (req == null) {
          return; // EOF or timeout between requests
        }
        if (eventLoopMs > 0) {
          eventLoop.lock();
          try {
            if (System.nanoTime() >= idleDeadline) {
              // the request waited for the loop past the idle deadline: the timer ran first and
              // closed the socket with the request unread, which the kernel answers with a reset
              idleRaces.incrementAndGet();
              reset(s);
              return;
            }
            sleep(eventLoopMs);
            respond(out, req);
          } finally {
            eventLoop.unlock();
          }
          if (req.close) {
            return;
          }
          idleDeadline = System.nanoTime() + idleMs * 1_000_000L;
          continue;
        }
        if (firstRequestNanos == 0) {
          firstRequest();
        }
        if (resetDue(port)) {
          resetCount.incrementAndGet();
          reset(s);
          return;
        }
        long d = delayMs + portDelay.getOrDefault(port, 0L);
        if (d > 0) {
          sleep(d);
        }
        respond(out, req);
        if (req.close) {
          closes.incrementAndGet();
          if (!closeFirst) {
            // let the client close first: wait for its EOF (bounded), never send our FIN first
            s.setSoTimeout(lingerMs);
            try {
              while (in.read(buf) >= 0) {
                // discard
              }
            } catch (SocketTimeoutException ignored) {
              // the client did not close: give up
            }
          }
          return;
        }
      }
    } catch (IOException e) {
      // peer reset or closed by a blip
    } finally {
      open.get(port).remove(s);
    }
  }

  private void respond(OutputStream out, Request req) throws IOException {
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY.length + "\r\n"
        + (req.close ? "Connection: close\r\n" : "") + "\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(BODY);
    out.flush();
    served.incrementAndGet();
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  private record Request(boolean close) {}

  /** Reads one request head (and skips a Content-Length body); null on EOF or idle timeout. */
  private static Request readRequest(InputStream in, byte[] buf) throws IOException {
    StringBuilder head = new StringBuilder();
    int state = 0; // matched bytes of \r\n\r\n
    try {
      while (state < 4) {
        int c = in.read();
        if (c < 0) {
          return null;
        }
        head.append((char) c);
        if (head.length() > 65536) {
          return null;
        }
        state = switch (state) {
          case 0, 2 -> c == '\r' ? state + 1 : 0;
          case 1, 3 -> c == '\n' ? state + 1 : (c == '\r' ? 1 : 0);
          default -> 0;
        };
      }
    } catch (SocketTimeoutException | SocketException e) {
      return null;
    }
    String[] lines = head.toString().split("\r\n");
    boolean http10 = lines[0].endsWith("HTTP/1.0");
    String conn = null;
    long length = 0;
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c < 0) {
        continue;
      }
      String name = lines[i].substring(0, c).trim().toLowerCase();
      String value = lines[i].substring(c + 1).trim().toLowerCase();
      if (name.equals("connection")) {
        conn = value;
      } else if (name.equals("content-length")) {
        length = Long.parseLong(value);
      }
    }
    while (length > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, length));
      if (n < 0) {
        return null;
      }
      length -= n;
    }
    boolean close = conn != null ? conn.contains("close") || (http10 && !conn.contains("keep-alive")) : http10;
    return new Request(close);
  }

  /** Minimal DNS: A queries get the current address (TTL --dns-ttl), other types an empty NOERROR answer. */
  private void dnsLoop(DatagramSocket ds) {
    byte[] q = new byte[512];
    while (true) {
      try {
        DatagramPacket p = new DatagramPacket(q, q.length);
        ds.receive(p);
        int n = p.getLength();
        if (n < 12) {
          continue;
        }
        int i = 12;
        while (i < n && q[i] != 0) {
          i += (q[i] & 0xff) + 1;
        }
        int qend = i + 5; // zero label + qtype + qclass
        if (qend > n) {
          continue;
        }
        int qtype = ((q[i + 1] & 0xff) << 8) | (q[i + 2] & 0xff);
        boolean a = qtype == 1;
        byte[] r = new byte[qend + (a ? 16 : 0)];
        System.arraycopy(q, 0, r, 0, qend);
        r[2] = (byte) 0x81; // response, recursion desired
        r[3] = (byte) 0x80; // recursion available, NOERROR
        r[4] = 0;
        r[5] = 1; // one question
        r[6] = 0;
        r[7] = (byte) (a ? 1 : 0);
        r[8] = r[9] = r[10] = r[11] = 0;
        if (a) {
          byte[] ip = address.getAddress();
          byte[] ans = {(byte) 0xc0, 12, 0, 1, 0, 1, (byte) (dnsTtl >>> 24), (byte) (dnsTtl >>> 16),
              (byte) (dnsTtl >>> 8), (byte) dnsTtl, 0, 4, ip[0], ip[1], ip[2], ip[3]};
          System.arraycopy(ans, 0, r, qend, ans.length);
        }
        ds.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
        dnsAnswers.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
