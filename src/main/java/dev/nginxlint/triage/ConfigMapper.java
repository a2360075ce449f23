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
 * server {} (by server_name, else the default server); the request path picks a location by
 * prefix (regex locations are not evaluated: best effort). Then the findings of the group's
 * related rules inside those blocks, plus global ones (events-level) anywhere.
 */
public final class ConfigMapper {

  private static final Set<String> PASSES = Set.of(
      "proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass", "memcached_pass");

  /** What one group maps to. Any part may be missing. */
  public record Mapping(Directive upstream, List<Directive> passes, Directive server, Directive location,
      List<Finding> findings, String fixCommand) {

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
            if (d.hasBlock() && d.argCount() > 0 && !d.contextPath().contains("stream")) {
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
    Directive server = server(g);
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
    return new Mapping(upstream, via, server, location, related, fixCommand(related));
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

  private Directive server(GroupAccumulator.Group g) {
    if (g.servers.isEmpty() || servers.isEmpty()) {
      return null;
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
