package dev.nginxlint.triage;

import java.util.List;
import java.util.Set;

/**
 * What each error-log signature usually means, and which nginx-lint rules find the configuration
 * side of it. Data only: the first entry that matches a line's operation, errno and action wins,
 * so specific entries stand before general ones. Causes are written for an operator reading the
 * report at 3 a.m.: most likely first.
 */
public final class SignatureCatalog {

  /** Any errno. */
  public static final int ANY = -1;

  /**
   * One signature: {@code ops} the normalised operations ("connect() failed"; empty = any),
   * {@code errno} (0 = none, {@link #ANY}), {@code phase} a prefix of the action after " while "
   * (null = any), {@code rules} the related rule ids, {@code global} rules whose findings count
   * wherever they are (events-level settings).
   */
  public record Entry(String id, Set<String> ops, int errno, String phase, List<String> causes,
      List<String> rules, Transport transport) {

    public Entry(String id, Set<String> ops, int errno, String phase, List<String> causes, List<String> rules) {
      this(id, ops, errno, phase, causes, rules, Transport.ANY);
    }

    public boolean matches(String op, int lineErrno, String linePhase) {
      return matches(op, lineErrno, linePhase, null);
    }

    /** {@code peer}: the line's upstream (unix:PATH, host:port or a group name), null when unknown. */
    public boolean matches(String op, int lineErrno, String linePhase, String peer) {
      return (ops.isEmpty() || ops.contains(op))
          && (errno == ANY || errno == lineErrno)
          && (phase == null || (linePhase != null && linePhase.startsWith(phase)))
          && (transport == Transport.ANY || peer == null || peer.startsWith("unix:") == (transport == Transport.UNIX));
    }

    /** Whether the entry is about the resolver, whose config link is the resolver directive in scope. */
    public boolean aboutResolver() {
      return rules.contains("proxy-pass-resolver");
    }
  }

  /** Which upstreams an entry is for: errno 11 on connect() means one thing on a unix socket, another on TCP or UDP. */
  public enum Transport { ANY, UNIX, IP }

  /** Rules whose findings are about the whole configuration (events, main), not one block. */
  public static final Set<String> GLOBAL_RULES = Set.of("worker-connections-low", "worker-rlimit-nofile");

  private static final Set<String> IO_OPS = Set.of("connect() failed", "recv() failed", "readv() failed",
      "writev() failed", "send() failed", "sendfile() failed", "sendmsg() failed", "recvmsg() failed",
      "peer closed connection in SSL handshake", "SSL_read() failed", "SSL_write() failed");
  private static final List<String> KEEPALIVE_RULES = List.of("upstream-keepalive", "proxy-http-version",
      "proxy-connection-header", "proxy-pass-no-upstream", "fastcgi-keep-conn");

  private static final List<Entry> ENTRIES = List.of(
      new Entry("ephemeral-ports", Set.of("connect() failed", "bind() failed"), 99, null, List.of(
          "ephemeral ports exhausted: each request opens a new connection to the same upstream address, and "
              + "closed connections wait in TIME-WAIT for 60 s, so the local port range runs out",
          "no connection reuse towards the upstream: no keepalive in the upstream block, HTTP/1.0 or "
              + "\"Connection: close\" sent upstream, or proxy_pass to a literal address",
          "a small net.ipv4.ip_local_port_range, or net.ipv4.tcp_tw_reuse off"),
          KEEPALIVE_RULES),
      new Entry("open-files", Set.of(), 24, null, List.of(
          "the worker hit its open-files limit (RLIMIT_NOFILE): worker_rlimit_nofile missing or below twice "
              + "worker_connections (a proxied request holds two descriptors), or a low systemd LimitNOFILE"),
          List.of("worker-rlimit-nofile", "worker-connections-low")),
      new Entry("refused", Set.of("connect() failed"), 111, null, List.of(
          "nothing listens on the upstream address: the backend is down, restarting or on another port",
          "the backend's listen backlog overflowed under a burst (with net.ipv4.tcp_abort_on_overflow)",
          "after a backend restart, max_fails=1 (the default) takes a server out for fail_timeout on one error",
          "a request is not passed to the group's next server (proxy_next_upstream off, a list without error, "
              + "proxy_next_upstream_tries 1), so each refused connection is a 502"),
          List.of("upstream-max-fails", "upstream-keepalive", "proxy-pass-no-upstream", "upstream-localhost",
              "proxy-next-upstream-non-idempotent")),
      new Entry("backlog-full", Set.of("connect() failed"), 11, null, List.of(
          "the backend's accept queue is full: on a unix socket connect() fails at once with EAGAIN when the "
              + "listen backlog (php-fpm listen.backlog, net.core.somaxconn) is exhausted",
          "the backend's worker pool is saturated (php-fpm pm.max_children, gunicorn workers), so nobody accepts",
          "a new connection per request makes it worse: keep connections alive to the backend"),
          List.of("upstream-keepalive", "fastcgi-keep-conn", "upstream-max-fails"), Transport.UNIX),
      new Entry("ip-eagain", Set.of("connect() failed"), 11, null, List.of(
          "on an IP upstream EAGAIN comes from this host, not the backend: connect() on a UDP socket found no free "
              + "local port. The stream module's UDP proxying binds a new local port for every client session and "
              + "holds it until proxy_timeout (10m by default) ends the session, unless proxy_responses says how "
              + "many answers to wait for: set proxy_responses (1 for DNS) and a short proxy_timeout, and check "
              + "net.ipv4.ip_local_port_range",
          "not a busy TCP backend: on Linux a full accept queue does not make a TCP connect() fail with EAGAIN. A "
              + "TCP backend whose accept queue is full (its listen backlog, capped by net.core.somaxconn; net.ipv4.tcp_max_syn_backlog for "
              + "half-open ones) drops the SYN, which nginx logs as connect timeouts (110 while connecting to "
              + "upstream) or, with net.ipv4.tcp_abort_on_overflow=1, as refused (111), and TCP out of local ports "
              + "logs 99: look for those groups and for ListenOverflows on the backend host (nstat -az "
              + "TcpExtListenOverflows)"),
          List.of(), Transport.IP),
      new Entry("permission", Set.of("connect() failed"), 13, null, List.of(
          "the nginx worker user cannot open the unix socket: socket file mode/owner (php-fpm listen.owner, "
              + "listen.mode) or a parent directory without search permission",
          "SELinux denies nginx network connections (setsebool -P httpd_can_network_connect 1) or the socket's label"),
          List.of()),
      new Entry("no-route", Set.of("connect() failed"), 113, null, List.of(
          "the backend host is down or unreachable (ARP fails on the local network)",
          "a firewall rejects the connection with icmp-host-prohibited",
          "a container was re-created with another address and nginx still connects to the one it resolved at "
              + "start-up (a service name without resolve): reload nginx"),
          List.of("upstream-max-fails", "proxy-timeouts-default", "upstream-static-dns")),
      new Entry("no-socket", Set.of("connect() failed"), 2, null, List.of(
          "the unix socket does not exist: the backend is not running or listens on another path"),
          List.of("upstream-max-fails")),
      new Entry("connect-timeout", Set.of("upstream timed out", "connect() failed"), 110, "connecting to upstream",
          List.of(
              "the backend did not accept within proxy_connect_timeout: its accept queue is full (a TCP backend "
                  + "drops the SYN when its listen backlog, capped by net.core.somaxconn, overflows), the host is "
                  + "overloaded, or SYNs are dropped by a firewall or a dead host",
              "with the default 60 s proxy_connect_timeout clients give up long before nginx tries the next server",
              "the address nginx resolved at start-up no longer belongs to the backend (a re-created container): "
                  + "SYNs to it go unanswered until nginx is reloaded"),
          List.of("proxy-timeouts-default", "upstream-max-fails", "upstream-static-dns")),
      new Entry("ssl-handshake-timeout", Set.of("upstream timed out"), 110, "SSL handshaking to upstream", List.of(
          "the backend accepted TCP but did not finish the TLS handshake in time: overloaded, or not speaking TLS"),
          List.of("proxy-timeouts-default")),
      new Entry("send-timeout", Set.of("upstream timed out"), 110, "sending request to upstream", List.of(
          "the backend stopped reading the request body for longer than proxy_send_timeout (fastcgi_send_timeout "
              + "for FastCGI): a large upload to a saturated backend, or a backend that answers before reading",
          "with the default 60 s proxy_send_timeout a stalled backend holds the connection a full minute"),
          List.of("proxy-timeouts-default", "upstream-max-fails")),
      new Entry("read-timeout", Set.of("upstream timed out"), 110, null, List.of(
          "the backend is too slow to answer within proxy_read_timeout (slow queries, saturated worker pool, "
              + "long polling without a matching timeout)",
          "a keepalive connection the backend silently dropped (no RST): the request waits for a dead peer"),
          List.of("proxy-timeouts-default", "upstream-max-fails")),
      new Entry("resolver-unreachable", IO_OPS, ANY, "resolving", List.of(
          "nginx cannot talk to the resolver named in the line (its resolver directive): nothing listens on "
              + "that address and port (111), or the network to it is down; every lookup then waits "
              + "resolver_timeout and fails with \"could not be resolved (110: Operation timed out)\""),
          List.of("proxy-pass-resolver")),
      new Entry("reset", IO_OPS, 104, null, List.of(
          "the backend closed the connection with RST: it crashed, was restarted, or killed the request",
          "nginx reused a keepalive connection the backend had just closed (backend idle timeout shorter than "
              + "nginx's keepalive_timeout in the upstream block)",
          "the backend's accept queue overflowed and it reset new connections"),
          List.of("upstream-keepalive", "upstream-keepalive-timeout", "proxy-http-version", "proxy-connection-header",
              "upstream-max-fails")),
      new Entry("broken-pipe", IO_OPS, 32, null, List.of(
          "the backend closed the connection while nginx was still sending the request (request body too "
              + "large for it, worker recycled, idle keepalive connection closed by the backend)"),
          List.of("upstream-keepalive", "upstream-keepalive-timeout", "proxy-http-version", "proxy-connection-header")),
      new Entry("prematurely-closed", Set.of("upstream prematurely closed connection",
          "upstream prematurely closed FastCGI stdout", "upstream prematurely closed FastCGI request"), ANY, null,
          List.of(
              "the backend closed the connection before a complete response: a crashed or recycled worker "
                  + "(max requests per worker, OOM kill), or a backend-side timeout",
              "a race on a reused keepalive connection the backend closed as idle (upstream keepalive_timeout not "
                  + "below the backend's idle timeout)"),
          List.of("upstream-keepalive", "upstream-keepalive-timeout", "proxy-http-version", "proxy-connection-header",
              "proxy-timeouts-default")),
      new Entry("too-big-header", Set.of("upstream sent too big header"), ANY, null, List.of(
          "the response headers (large cookies, long redirects, JWTs) exceed proxy_buffer_size (4k, one memory "
              + "page, by default; fastcgi_buffer_size for FastCGI): raise it with a set nginx -t accepts, "
              + biggerHeaderSet("proxy", 16 * 1024) + " (with the default 8 4k proxy_buffers; proxy_buffer_size "
              + "16k alone fails: the default busy size, twice 16k, no longer fits in the buffers)"),
          List.of("proxy-buffer-sizes")),
      new Entry("invalid-header", Set.of("upstream sent invalid header", "upstream sent no valid HTTP/1.0 header",
          "upstream sent invalid status"), ANY, null, List.of(
          "the backend answered with something that is not HTTP: a wrong protocol on the port (TLS, FastCGI, "
              + "gRPC), or a broken header line (bad characters, bare LF, duplicate Content-Length)"),
          List.of()),
      new Entry("no-live-upstreams", Set.of("no live upstreams"), ANY, null, List.of(
          "every server of the upstream group is marked failed after max_fails errors within fail_timeout: "
              + "the real error is the one before this in the log for the same upstream",
          "max_fails=1 (the default) takes a server out on a single error, so one blip empties a small group"),
          List.of("upstream-max-fails", "proxy-timeouts-default")),
      new Entry("no-resolver", Set.of("no resolver defined to resolve"), ANY, null, List.of(
          "proxy_pass has variables, so nginx resolves the host for each request, but no resolver is set"),
          List.of("proxy-pass-resolver")),
      new Entry("resolver-timeout", Set.of("could not be resolved"), 110, null, List.of(
          "the resolver did not answer within resolver_timeout (30 s by default, and each request waits all of "
              + "it before its 502): the resolver address is wrong or unreachable (look for \"while resolving\" "
              + "lines), or the DNS server is down or overloaded"),
          List.of("proxy-pass-resolver")),
      new Entry("resolver-servfail", Set.of("could not be resolved"), 2, null, List.of(
          "the DNS server answered SERVFAIL: it could not get an answer itself (its own upstream DNS failed, a "
              + "broken zone, DNSSEC validation); the name may be right: ask that server (dig @RESOLVER NAME)"),
          List.of("proxy-pass-resolver")),
      new Entry("not-resolved", Set.of("could not be resolved"), ANY, null, List.of(
          "the name does not exist for this resolver (3: Host not found): a typo, a service not (yet) created, "
              + "or a short name: nginx's resolver does not use the search domains of /etc/resolv.conf, so "
              + "Kubernetes/Docker short names need their full name (svc.namespace.svc.cluster.local)"),
          List.of("proxy-pass-resolver")),
      new Entry("php-fpm-max-children", Set.of(FpmLines.MAX_CHILDREN), ANY, null, List.of(
          "php-fpm's pool has all pm.max_children workers busy (the number in the line): the next requests "
              + "wait in its socket's listen queue (listen.backlog), then fail in nginx as connect() (11: "
              + "Resource temporarily unavailable) on a unix socket or as fastcgi_read_timeout timeouts (504)",
          "raise pm.max_children in the pool's file (e.g. /etc/php/8.2/fpm/pool.d/www.conf) as far as memory "
              + "allows (free memory / a child's RSS: ps -o rss= -C php-fpm8.2), then systemctl reload php8.2-fpm; "
              + "or find the slow requests that hold the children (request_slowlog_timeout and slowlog)"),
          List.of()),
      new Entry("worker-connections", Set.of("worker_connections are not enough"), ANY, null, List.of(
          "a worker ran out of connection slots: worker_connections counts client and upstream connections, "
              + "so a proxied request needs two",
          "no keepalive towards upstreams multiplies upstream connections under load"),
          List.of("worker-connections-low", "worker-rlimit-nofile", "upstream-keepalive")),
      new Entry("ssl-handshake", Set.of(), ANY, "SSL handshaking to upstream", List.of(
          "TLS to the upstream failed: the backend does not speak TLS on that port, protocol or cipher mismatch, "
              + "or SNI missing (proxy_ssl_server_name on)"),
          List.of()));

  private SignatureCatalog() {}

  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** The first matching entry, or null for a message the catalog does not know. */
  public static Entry find(String op, int errno, String phase) {
    return find(op, errno, phase, null);
  }

  /** The first matching entry for a line to {@code peer} (its upstream; null when unknown), or null. */
  public static Entry find(String op, int errno, String phase, String peer) {
    for (Entry e : ENTRIES) {
      if (e.matches(op, errno, phase, peer)) {
        return e;
      }
    }
    return null;
  }

  /** The entry of a parsed line, or null. */
  public static Entry find(LogLine l) {
    return find(l.op(), l.errno(), l.phase(), l.upstreamKey());
  }

  /**
   * The smallest consistent buffer set for a header buffer of {@code bytes} with the default
   * buffers, as config lines: what proxy-buffer-sizes' fix would write.
   */
  static String biggerHeaderSet(String prefix, long bytes) {
    var v = new dev.nginxlint.rules.support.BufferSizes.Values(bytes, 8, dev.nginxlint.rules.support.BufferSizes.PAGE,
        -1, -1, -1);
    var c = dev.nginxlint.rules.support.BufferSizes.consistent(v);
    StringBuilder sb = new StringBuilder(prefix + "_buffer_size " + dev.nginxlint.rules.support.BufferSizes.format(bytes) + ";");
    if (c.num() != v.num()) {
      sb.append(' ').append(prefix).append("_buffers ").append(c.num()).append(' ')
          .append(dev.nginxlint.rules.support.BufferSizes.format(c.bufSize())).append(';');
    }
    if (c.busy() >= 0) {
      sb.append(' ').append(prefix).append("_busy_buffers_size ")
          .append(dev.nginxlint.rules.support.BufferSizes.format(c.busy())).append(';');
    }
    return sb.toString();
  }
}
