package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The http servers of this configuration that a connection to a loopback address reaches: nginx
 * proxying to itself (a TLS front for a local vhost, an njs or auth subrequest server, nginx's own
 * tests). For such a backend what it does with a connection (how long it keeps one idle, which
 * address families it listens on) is written here and need not be guessed.
 */
public final class LocalServers {

  /** The address family a connection to a loopback address uses. */
  public enum Family { V4, V6 }

  private static final Object INDEX = new Object();

  private LocalServers() {}

  /**
   * The families a connection to {@code host} (as written in an upstream server or pass) uses when
   * it is a loopback address: 127.0.0.1 → V4, [::1] → V6, localhost → both (nginx uses every
   * address it resolves to); empty for any other host, which may be another machine.
   */
  public static List<Family> loopbackFamilies(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return switch (h) {
      case "127.0.0.1" -> List.of(Family.V4);
      case "[::1]" -> List.of(Family.V6);
      case "localhost" -> List.of(Family.V4, Family.V6);
      default -> List.of();
    };
  }

  /** The http server blocks of this tree that accept a connection to the loopback address of {@code family} on {@code port}. */
  public static List<Directive> at(Family family, int port, RuleContext ctx) {
    Map<String, List<Directive>> index = ctx.shared(INDEX, () -> build(ctx));
    return index.getOrDefault(family + ":" + port, List.of());
  }

  private static Map<String, List<Directive>> build(RuleContext ctx) {
    Map<String, List<Directive>> index = new HashMap<>();
    for (Directive server : ctx.directivesNamed("server")) {
      // upstream server lines and stream/mail servers are not http servers (a site file's
      // servers stand at its top, inside the http {} of a main configuration not read here)
      if (!server.hasBlock() || !ctx.isHttpContext(server)
          || server.parent() != null && !server.parent().name().equals("http")) {
        continue;
      }
      List<Directive> listens = server.children("listen");
      if (listens.isEmpty()) {
        // nginx's default listen (run as root): *:80, IPv4 only
        add(index, Family.V4, 80, server);
      }
      for (Directive listen : listens) {
        addListen(index, listen, server);
      }
    }
    return index;
  }

  /** What one listen line accepts on the loopback addresses (nginx: a port alone and * are IPv4 only; [::] is IPv6 only unless ipv6only=off). */
  private static void addListen(Map<String, List<Directive>> index, Directive listen, Directive server) {
    String a = listen.argCount() == 0 || listen.args().get(0).hasVariable() ? "" : listen.arg(0).toLowerCase(Locale.ROOT);
    if (a.isEmpty() || a.startsWith("unix:")) {
      return;
    }
    String host;
    int port;
    if (PassTarget.parsePort(a) >= 0) {
      host = "*";
      port = PassTarget.parsePort(a);
    } else {
      String[] hp = PassTarget.splitHostPort(a);
      host = hp[0];
      port = hp[1] == null ? 80 : PassTarget.parsePort(hp[1]);
    }
    if (port < 0) {
      return;
    }
    boolean dualStack = false;
    for (int i = 1; i < listen.argCount(); i++) {
      dualStack |= listen.arg(i).equals("ipv6only=off");
    }
    switch (host) {
      case "*", "0.0.0.0", "127.0.0.1", "localhost" -> add(index, Family.V4, port, server);
      case "[::]" -> {
        add(index, Family.V6, port, server);
        if (dualStack) {
          add(index, Family.V4, port, server);
        }
      }
      case "[::1]" -> add(index, Family.V6, port, server);
      default -> {
        // another address (a public IP, a host name): not where a loopback connection arrives
      }
    }
  }

  private static void add(Map<String, List<Directive>> index, Family family, int port, Directive server) {
    List<Directive> servers = index.computeIfAbsent(family + ":" + port, k -> new ArrayList<>());
    if (!servers.contains(server)) {
      servers.add(server);
    }
  }
}
