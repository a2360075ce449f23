package dev.nginxlint.triage;

import dev.nginxlint.fix.Applicability;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.PassTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ties a log group to the configuration: the upstream field names an upstream group (by name, or
 * by a server address inside one) or a *_pass with that literal address; the server field names a
 * server {} (by server_name, else the default server; an empty server field by the servers without
 * a name, see {@link #unnamedServer}); the request path picks a location by
 * prefix (regex locations are not evaluated: best effort). Then the findings of the group's
 * related rules inside those blocks, plus global ones (events-level) anywhere.
 *
 * <p>Over 400 lines: each step (upstream, server with nginx's default-server choice, location,
 * findings) reads the indexes the constructor builds once per configuration. The default-server
 * choice (listens, server_name matching) is the part that could stand alone if it grows.
 */
public final class ConfigMapper {

  private static final Set<String> PASSES = Set.copyOf(PassTarget.PASSES);

  /** What one group maps to. Any part may be missing. */
  public record Mapping(Directive upstream, List<Directive> passes, Directive server, Directive location,
      List<Finding> findings, String fixCommand, List<Directive> settings, String basis) {

    public Mapping(Directive upstream, List<Directive> passes, Directive server, Directive location,
        List<Finding> findings, String fixCommand) {
      this(upstream, passes, server, location, findings, fixCommand, List.of(), null);
    }

    /** The block to name first: the upstream group, else a pass, the location, the server. */
    public Directive primary() {
      if (upstream != null) {
        return upstream;
      }
      if (!passes.isEmpty()) {
        return passes.get(0);
      }
      return location != null ? location : server;
    }
  }

  private final List<Finding> findings;
  private final String configArg;
  private final Map<String, Directive> upstreamsByName = new LinkedHashMap<>();
  private final Map<String, Directive> upstreamsByAddress = new LinkedHashMap<>();
  private final List<Directive> passes = new ArrayList<>();
  private final List<Directive> servers = new ArrayList<>();
  private final List<Directive> resolvers = new ArrayList<>();
  /** stream {} blocks' upstreams by server address, and their servers: where a stream line's session ran. */
  private final Map<String, Directive> streamUpstreamsByAddress = new LinkedHashMap<>();
  private final List<Directive> streamServers = new ArrayList<>();
  /** "address port" → nginx's default server there; built on first use. */
  private Map<String, Directive> defaultServers;

  /** {@code configArg}: the path the user gave with --config, for the suggested fix command. */
  public ConfigMapper(ConfigSet set, List<Finding> findings, String configArg) {
    this.findings = findings;
    this.configArg = configArg;
    for (ConfigTree tree : set.trees()) {
      if (tree.hasSyntaxErrors()) {
        continue;
      }
      tree.walk(d -> {
        if (d.isDataEntry()) {
          return;
        }
        switch (d.name()) {
          case "upstream" -> {
            if (d.hasBlock() && d.argCount() > 0 && d.contextPath().contains("stream")) {
              for (Directive s : d.children("server")) {
                for (String a : addresses(s.arg(0))) {
                  streamUpstreamsByAddress.putIfAbsent(a, d);
                }
              }
            } else if (d.hasBlock() && d.argCount() > 0) {
              upstreamsByName.putIfAbsent(d.arg(0).toLowerCase(Locale.ROOT), d);
              for (Directive s : d.children("server")) {
                for (String a : addresses(s.arg(0))) {
                  upstreamsByAddress.putIfAbsent(a, d);
                }
              }
            }
          }
          case "server" -> {
            if (d.hasBlock() && d.contextName().equals("http")) {
              servers.add(d);
            } else if (d.hasBlock() && d.contextName().equals("stream")) {
              streamServers.add(d);
            }
          }
          case "resolver" -> {
            if (!d.contextPath().contains("stream")) {
              resolvers.add(d);
            }
          }
          default -> {
            if (PASSES.contains(d.name()) && d.argCount() > 0 && !d.contextPath().contains("stream")) {
              passes.add(d);
            }
          }
        }
      });
    }
  }

  /** The effective worker_connections of the first main config (512, nginx's default, when unset), or null. */
  public static Integer workerConnections(ConfigSet set) {
    for (ConfigTree tree : set.trees()) {
      if (!tree.isMain()) {
        continue;
      }
      Integer value = 512;
      for (Directive d : tree.directives()) {
        if (d.name().equals("events") && d.hasBlock()) {
          for (Directive wc : d.children("worker_connections")) {
            try {
              value = Integer.parseInt(wc.arg(0));
            } catch (NumberFormatException e) {
              value = null;
            }
          }
        }
      }
      return value;
    }
    return null;
  }

  public Mapping map(GroupAccumulator.Group g) {
    if (g.upstream != null && g.upstream.startsWith(FpmLines.POOL)) {
      return pool(g.upstream.substring(FpmLines.POOL.length()));
    }
    if (g.stream) {
      return streamSession(g);
    }
    Directive upstream = null;
    List<Directive> via = new ArrayList<>();
    String target = g.upstream;
    if (target != null) {
      String lower = target.toLowerCase(Locale.ROOT);
      upstream = upstreamsByName.get(lower);
      if (upstream == null) {
        for (String a : addresses(lower)) {
          upstream = upstreamsByAddress.get(a);
          if (upstream != null) {
            break;
          }
        }
      }
      for (Directive p : passes) {
        PassTarget t = PassTarget.of(p);
        if (t == null || t.variableHost()) {
          continue;
        }
        String name = t.unixSocket() ? unixPath(t.host()) : t.host().toLowerCase(Locale.ROOT);
        if (upstream != null ? t.port() == null && name.equals(upstream.arg(0).toLowerCase(Locale.ROOT))
            : sameAddress(t.unixSocket() ? name : name + (t.port() == null ? "" : ":" + t.port()), lower)) {
          via.add(p);
        }
      }
    }
    Directive server = server(g, via);
    Directive location = server == null ? null : location(server, g, via);
    if (via.isEmpty() && location != null && g.entry != null && g.entry.rules().contains("proxy-pass-resolver")) {
      // a host resolved at run time: the pass with variables in the handling location
      for (Directive p : passes) {
        PassTarget t = PassTarget.of(p);
        if (t != null && t.anyVariable() && inside(p, location)) {
          via.add(p);
        }
      }
    }
    List<Directive> scope = new ArrayList<>();
    if (upstream != null) {
      scope.add(upstream);
    }
    for (Directive p : via) {
      Directive loc = p.enclosing("location");
      scope.add(loc != null ? loc : p);
    }
    if (location != null) {
      scope.add(location);
    } else if (server != null && upstream == null && via.isEmpty()) {
      scope.add(server);
    }
    List<Finding> related = new ArrayList<>();
    List<String> rules = g.entry == null ? List.of() : g.entry.rules();
    for (Finding f : findings) {
      if (!rules.contains(f.rule())) {
        continue;
      }
      boolean in = SignatureCatalog.GLOBAL_RULES.contains(f.rule());
      for (Directive d : scope) {
        in |= contains(d, f);
      }
      if (in && !related.contains(f)) {
        related.add(f);
      }
    }
    List<Directive> settings = new ArrayList<>();
    if (g.entry != null && g.entry.aboutResolver()) {
      settings.addAll(resolverSettings(g, via, location, server));
    }
    if (g.entry != null && g.entry.id().equals("ephemeral-ports") && upstream != null
        && upstream.child("keepalive") != null) {
      settings.add(upstream.child("keepalive"));
    }
    return new Mapping(upstream, via, server, location, related, fixCommand(related), settings, null);
  }

  /**
   * A stream line's session: the stream server listening on the line's "server:" address and its
   * proxy_pass, and the stream upstream holding the line's peer. Never an http block: a stream
   * session has none.
   */
  private Mapping streamSession(GroupAccumulator.Group g) {
    Directive upstream = null;
    if (g.upstream != null) {
      for (String a : addresses(g.upstream.toLowerCase(Locale.ROOT))) {
        upstream = upstream != null ? upstream : streamUpstreamsByAddress.get(a);
      }
    }
    Directive server = null;
    String listen = g.servers.isEmpty() ? null : g.servers.keySet().iterator().next().toLowerCase(Locale.ROOT);
    for (Directive s : streamServers) {
      for (Directive l : s.children("listen")) {
        if (server == null && listen != null && l.argCount() > 0 && listensOn(l.arg(0).toLowerCase(Locale.ROOT), listen)) {
          server = s;
        }
      }
    }
    List<Directive> via = new ArrayList<>();
    if (server != null) {
      via.addAll(server.children("proxy_pass"));
    }
    List<Finding> related = new ArrayList<>();
    List<String> rules = g.entry == null ? List.of() : g.entry.rules();
    for (Finding f : findings) {
      if (rules.contains(f.rule()) && (upstream != null && contains(upstream, f) || server != null && contains(server, f))) {
        related.add(f);
      }
    }
    return new Mapping(upstream, via, server, null, related, fixCommand(related), List.of(), null);
  }

  /** Whether a stream listen argument ("5300", "127.0.0.1:5300", "*:53") takes "address:port". */
  static boolean listensOn(String listenArg, String address) {
    int colon = address.lastIndexOf(':');
    String port = colon < 0 ? address : address.substring(colon + 1);
    if (listenArg.equals(address) || listenArg.equals(port)) {
      return true;
    }
    return listenArg.equals("*:" + port) || listenArg.equals("0.0.0.0:" + port) || listenArg.equals("[::]:" + port);
  }

  /**
   * A php-fpm pool's lines: the fastcgi_pass whose socket (or upstream group's server) bears the
   * pool's name (php-fpm's Debian default: pool www on php8.2-fpm.sock does not; a pool per site
   * often does), else the only fastcgi_pass target of the configuration, else none.
   */
  private Mapping pool(String pool) {
    Map<String, List<Directive>> byTarget = new LinkedHashMap<>();
    Map<String, Directive> groupOf = new LinkedHashMap<>();
    for (Directive p : passes) {
      PassTarget t = p.name().equals("fastcgi_pass") ? PassTarget.of(p) : null;
      if (t == null || t.variableHost()) {
        continue;
      }
      String key = t.unixSocket() ? unixPath(t.host()) : t.host().toLowerCase(Locale.ROOT)
          + (t.port() == null ? "" : ":" + t.port());
      byTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      if (!t.unixSocket() && t.port() == null && upstreamsByName.containsKey(key)) {
        groupOf.put(key, upstreamsByName.get(key));
      }
    }
    List<String> named = new ArrayList<>();
    for (String key : byTarget.keySet()) {
      List<String> sockets = new ArrayList<>(List.of(key));
      if (groupOf.containsKey(key)) {
        sockets.clear();
        for (Directive srv : groupOf.get(key).children("server")) {
          if (srv.argCount() > 0) {
            sockets.add(srv.arg(0));
          }
        }
      }
      if (sockets.stream().anyMatch(sock -> namesPool(sock, pool))) {
        named.add(key);
      }
    }
    String key = null;
    String basis = null;
    if (named.size() == 1) {
      key = named.get(0);
      basis = "its socket bears the pool's name " + pool;
    } else if (named.isEmpty() && byTarget.size() == 1) {
      key = byTarget.keySet().iterator().next();
      basis = "the only fastcgi_pass target in the configuration";
    }
    if (key == null) {
      String why = byTarget.isEmpty() ? "no fastcgi_pass in the configuration"
          : byTarget.size() + " fastcgi_pass targets and " + (named.isEmpty() ? "none" : named.size())
              + " of them named for pool " + pool + ": see the pool's listen in its php-fpm pool file";
      return new Mapping(null, List.of(), null, null, List.of(), null, List.of(), why);
    }
    List<Directive> via = byTarget.get(key);
    Directive first = via.get(0);
    return new Mapping(groupOf.get(key), via, first.enclosing("server"), first.enclosing("location"), List.of(), null,
        List.of(), basis);
  }

  /** Whether a socket path or address bears the pool name as a word of its last segment ("/run/php/www.sock"). */
  static boolean namesPool(String socket, String pool) {
    String base = socket.substring(socket.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String p = pool.toLowerCase(Locale.ROOT);
    for (int at = base.indexOf(p); at >= 0; at = base.indexOf(p, at + 1)) {
      boolean before = at == 0 || !wordChar(base.charAt(at - 1));
      int end = at + p.length();
      boolean after = end == base.length() || !wordChar(base.charAt(end));
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * The resolver and resolver_timeout in effect where the line's request was handled (the pass's
   * location, else the location by path, else the server; inherited from outer blocks); for a
   * line of the resolver's own socket (no request), the resolver directives naming its address.
   */
  private List<Directive> resolverSettings(GroupAccumulator.Group g, List<Directive> via, Directive location,
      Directive server) {
    List<Directive> out = new ArrayList<>();
    Directive start = !via.isEmpty() ? via.get(0).parent() : location != null ? location : server;
    if (start != null) {
      for (String name : List.of("resolver", "resolver_timeout")) {
        Directive d = inScope(start, name);
        if (d != null) {
          out.add(d);
        }
      }
      return out;
    }
    if (g.upstream == null) {
      return out;
    }
    List<String> logged = addresses(g.upstream);
    for (Directive r : resolvers) {
      for (int i = 0; i < r.argCount(); i++) {
        String a = r.arg(i);
        if (a.contains("=")) {
          continue; // valid=, ipv6=, status_zone=
        }
        for (String form : addresses(a.contains(":") && !a.startsWith("[") || a.contains("]:") ? a : a + ":53")) {
          if (logged.contains(form) && !out.contains(r)) {
            out.add(r);
            Directive timeout = inScope(r.parent(), "resolver_timeout");
            if (timeout != null && !out.contains(timeout)) {
              out.add(timeout);
            }
          }
        }
      }
    }
    return out;
  }

  private String fixCommand(List<Finding> related) {
    boolean unsafe = false;
    List<String> rules = new ArrayList<>();
    for (Finding f : related) {
      if (f.fix() == null || f.fix().applicability() == Applicability.DISPLAY_ONLY) {
        continue;
      }
      unsafe |= f.fix().applicability() == Applicability.UNSAFE;
      if (!rules.contains(f.rule())) {
        rules.add(f.rule());
      }
    }
    if (rules.isEmpty()) {
      return null;
    }
    return "nginx-lint fix " + (unsafe ? "--unsafe-fixes " : "") + "--select " + String.join(",", rules)
        + " " + configArg;
  }

  // ---- server and location ----

  private Directive server(GroupAccumulator.Group g, List<Directive> via) {
    if (servers.isEmpty()) {
      return null;
    }
    if (g.servers.isEmpty()) {
      return g.unnamedServer > 0 ? unnamedServer(g, via) : null;
    }
    String name = g.servers.keySet().iterator().next().toLowerCase(Locale.ROOT);
    Directive fallback = null;
    for (Directive s : servers) {
      for (Directive sn : s.children("server_name")) {
        for (int i = 0; i < sn.argCount(); i++) {
          if (nameMatches(sn.arg(i).toLowerCase(Locale.ROOT), name)) {
            return s;
          }
        }
      }
      for (Directive l : s.children("listen")) {
        for (int i = 1; i < l.argCount(); i++) {
          if ((l.arg(i).equals("default_server") || l.arg(i).equals("default")) && fallback == null) {
            fallback = s;
          }
        }
      }
    }
    return fallback != null ? fallback : servers.get(0);
  }

  /**
   * The server of lines with "server: " empty: one whose first server_name is "" (nginx's default
   * when there is none). Among several: the only one that passes to the line's upstream, else the
   * default server (nginx's pick: the default_server one, else the first to listen there) of the
   * address and port in the Host header, else the only one that is a default server at all. Null
   * when that still leaves a choice: a wrong server sends the operator to the wrong block.
   */
  private Directive unnamedServer(GroupAccumulator.Group g, List<Directive> via) {
    List<Directive> unnamed = new ArrayList<>();
    for (Directive s : servers) {
      Directive sn = s.child("server_name");
      if (sn == null || sn.argCount() == 0 || sn.arg(0).isEmpty()) {
        unnamed.add(s);
      }
    }
    if (unnamed.size() <= 1) {
      return unnamed.isEmpty() ? null : unnamed.get(0);
    }
    List<Directive> passing = new ArrayList<>();
    for (Directive s : unnamed) {
      if (via.stream().anyMatch(p -> inside(p, s))) {
        passing.add(s);
      }
    }
    if (passing.size() == 1) {
      return passing.get(0);
    }
    List<Directive> pool = passing.isEmpty() ? unnamed : passing;
    Directive picked = null;
    for (String host : g.hosts) {
      Directive d = defaultServerFor(host);
      if (d != null && pool.contains(d)) {
        if (picked != null && picked != d) {
          return null; // the lines came in on two addresses
        }
        picked = d;
      }
    }
    if (picked != null) {
      return picked;
    }
    List<Directive> defaults = new ArrayList<>();
    for (Directive s : pool) {
      for (Listen l : listens(s)) {
        if (defaultServer(l.address(), l.port()) == s) {
          defaults.add(s);
          break;
        }
      }
    }
    return defaults.size() == 1 ? defaults.get(0) : null;
  }

  /** One listen address: host ("*" for any) and port. */
  record Listen(String address, int port, boolean isDefault) {}

  /** The TCP listens of a server ({@code *:80} when it has none, as nginx run by root). */
  static List<Listen> listens(Directive server) {
    List<Listen> out = new ArrayList<>();
    List<Directive> ls = server.children("listen");
    if (ls.isEmpty()) {
      out.add(new Listen("*", 80, false));
    }
    for (Directive l : ls) {
      String a = l.arg(0);
      if (a == null || a.startsWith("unix:")) {
        continue;
      }
      boolean isDefault = false;
      for (int i = 1; i < l.argCount(); i++) {
        isDefault |= l.arg(i).equals("default_server") || l.arg(i).equals("default");
      }
      String host;
      String port;
      if (a.chars().allMatch(Character::isDigit)) {
        host = "*";
        port = a;
      } else if (a.startsWith("[")) {
        int close = a.indexOf(']');
        host = close < 0 ? a : a.substring(0, close + 1);
        port = close >= 0 && a.startsWith("]:", close) ? a.substring(close + 2) : "80";
      } else {
        int colon = a.lastIndexOf(':');
        host = colon < 0 ? a : a.substring(0, colon);
        port = colon < 0 ? "80" : a.substring(colon + 1);
      }
      if (!port.chars().allMatch(Character::isDigit) || port.isEmpty() || port.length() > 5) {
        continue; // a variable or typo: nginx -t says so, triage cannot tell the port
      }
      host = host.toLowerCase(Locale.ROOT);
      if (host.equals("0.0.0.0") || host.equals("[::]")) {
        host = "*";
      }
      out.add(new Listen(host, Integer.parseInt(port), isDefault));
    }
    return out;
  }

  /** nginx's default server for a Host header "ip:port" (an address and port it could have come in on), or null. */
  private Directive defaultServerFor(String hostHeader) {
    String h = hostHeader.toLowerCase(Locale.ROOT);
    String ip;
    String port;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      ip = close < 0 ? h : h.substring(0, close + 1);
      port = close >= 0 && h.startsWith("]:", close) ? h.substring(close + 2) : null;
    } else {
      int colon = h.lastIndexOf(':');
      ip = colon < 0 ? h : h.substring(0, colon);
      port = colon < 0 ? null : h.substring(colon + 1);
    }
    if (port == null || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return null; // no port in the Host header: 80 or 443, the header cannot tell
    }
    int p = Integer.parseInt(port);
    boolean literal = ip.startsWith("[") || ip.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    if (literal) {
      return defaultServer(ip, p);
    }
    // a name: the address it resolved to is unknown, so only a port with one default server tells
    Directive only = null;
    for (Directive s : servers) {
      for (Listen l : listens(s)) {
        Directive d = l.port() == p ? defaultServer(l.address(), p) : null;
        if (d != null && only != null && d != only) {
          return null;
        }
        only = d != null ? d : only;
      }
    }
    return only;
  }

  /**
   * The server nginx gives a request on address:port when no server_name matches: the one whose
   * listen there says default_server, else the first to listen there. A connection to an address
   * some server listens on by name goes to those servers; the wildcard ones take the rest.
   */
  private Directive defaultServer(String address, int port) {
    if (defaultServers == null) {
      // built once: a config of thousands of servers is asked per group and per candidate
      defaultServers = new java.util.HashMap<>();
      java.util.Set<String> flagged = new java.util.HashSet<>();
      for (Directive s : servers) {
        for (Listen l : listens(s)) {
          String key = l.address() + " " + l.port();
          if (l.isDefault() && flagged.add(key)) {
            defaultServers.put(key, s);
          } else {
            defaultServers.putIfAbsent(key, s);
          }
        }
      }
    }
    Directive exact = defaultServers.get(address + " " + port);
    return exact != null ? exact : defaultServers.get("* " + port);
  }


  private static boolean nameMatches(String pattern, String name) {
    if (pattern.equals(name)) {
      return true;
    }
    if (pattern.startsWith("*.")) {
      return name.endsWith(pattern.substring(1));
    }
    if (pattern.startsWith(".")) {
      return name.equals(pattern.substring(1)) || name.endsWith(pattern);
    }
    if (pattern.endsWith(".*")) {
      return name.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return false;
  }

  /** The location for the group's first request path (longest prefix, "=" exact); regexes are skipped. */
  private Directive location(Directive server, GroupAccumulator.Group g, List<Directive> via) {
    for (Directive p : via) {
      if (inside(p, server) && p.enclosing("location") != null) {
        return p.enclosing("location");
      }
    }
    if (g.paths.isEmpty()) {
      return null;
    }
    String path = g.paths.get(0);
    Directive best = null;
    int bestLen = -1;
    List<Directive> stack = new ArrayList<>(server.children("location"));
    while (!stack.isEmpty()) {
      Directive loc = stack.remove(stack.size() - 1);
      String mod = loc.argCount() >= 2 ? loc.arg(0) : "";
      String prefix = loc.argCount() >= 2 ? loc.arg(1) : loc.arg(0);
      if (prefix == null || mod.equals("~") || mod.equals("~*") || prefix.startsWith("@")) {
        continue;
      }
      if (mod.equals("=") ? path.equals(prefix) : path.startsWith(prefix)) {
        if (mod.equals("=")) {
          return loc;
        }
        if (prefix.length() > bestLen) {
          best = loc;
          bestLen = prefix.length();
        }
        stack.addAll(loc.children("location"));
      }
    }
    return best;
  }

  // ---- addresses ----

  /** The forms an upstream address can take in a log: host:port, with localhost as 127.0.0.1 and ::1, port 80 implied. */
  static List<String> addresses(String written) {
    List<String> out = new ArrayList<>();
    if (written == null) {
      return out;
    }
    String a = written.toLowerCase(Locale.ROOT);
    if (a.startsWith("unix:")) {
      out.add(unixPath(a));
      return out;
    }
    String[] hp = PassTarget.splitHostPort(a);
    if (hp[1] != null && !hp[1].chars().allMatch(Character::isDigit)) {
      hp = new String[] {a, null};
    }
    String port = hp[1] == null ? "80" : hp[1];
    List<String> hosts = new ArrayList<>(List.of(hp[0]));
    if (hp[0].equals("localhost")) {
      hosts.add("127.0.0.1");
      hosts.add("[::1]");
    }
    for (String h : hosts) {
      out.add(h + ":" + port);
    }
    if (hp[1] == null) {
      out.add(hp[0]);
    }
    return out;
  }

  private static boolean sameAddress(String written, String logged) {
    List<String> a = addresses(written);
    for (String b : addresses(logged)) {
      if (a.contains(b)) {
        return true;
      }
    }
    return false;
  }

  /** "unix:/run/app.sock:/uri" → "unix:/run/app.sock". */
  private static String unixPath(String s) {
    String x = s.startsWith("unix:") ? s : "unix:" + s;
    int colon = x.indexOf(':', 5);
    return colon < 0 ? x : x.substring(0, colon);
  }

  /** The directive {@code name} in effect in {@code block}: its own, else the nearest outer block's. */
  private static Directive inScope(Directive block, String name) {
    for (Directive b = block; b != null; b = b.parent()) {
      Directive d = b.child(name);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static boolean inside(Directive d, Directive block) {
    for (Directive p = d.parent(); p != null; p = p.parent()) {
      if (p == block) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(Directive block, Finding f) {
    return block.file().path().equals(f.file().path())
        && f.span().start() >= block.span().start() && f.span().start() < Math.max(block.span().end(), block.span().start() + 1);
  }
}
