package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxValues;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.Levels;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pass directive whose connect, read or send timeout is effectively nginx's 60 s default (or
 * any value at or above max-timeout): a dead or stalled backend holds each request that long.
 *
 * <p>Over 400 lines because of its two fixes (per server, and once in http for servers that all
 * inherit from it) and the lines both add to keep streaming locations' values: they share the
 * offence analysis of the check and are written by no other rule, so they stay with it.
 */
@RuleOption(name = "max-timeout", type = RuleOption.Type.DURATION, defaultValue = "60s", min = 1, description = "a timeout whose effective value is this or longer is reported")
@RuleOption(name = "connect-timeout", type = RuleOption.Type.DURATION, defaultValue = "5s", min = 1, description = "the value the fix writes for *_connect_timeout")
@RuleOption(name = "read-timeout", type = RuleOption.Type.DURATION, defaultValue = "30s", min = 1, description = "the value the fix writes for *_read_timeout")
@RuleOption(name = "send-timeout", type = RuleOption.Type.DURATION, defaultValue = "30s", min = 1, description = "the value the fix writes for *_send_timeout")
@Rule(id = "proxy-timeouts-default", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.SOMETIMES)
public final class ProxyTimeoutsDefault implements DirectiveRule {

  /** nginx's built-in value of every *_connect/read/send_timeout. */
  private static final long DEFAULT_MILLIS = 60_000;

  private static final String[] STREAMING_PATHS = {"/ws", "/socket.io", "/sse", "/events", "/stream"};

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass");
  }

  /** One timeout over the limit: its directive name and where it is set (null: the default). */
  private record Offense(String name, Directive set, Directive unread) {}

  @Override
  public void check(Directive pass, RuleContext ctx) {
    List<Offense> offending = offending(pass, ctx);
    // every timeout is under the limit
    if (offending.isEmpty()) {
      return;
    }
    // one finding per server and pass type, where the fix goes: at its first offending pass,
    // naming the others (a site with 20 proxied locations is one problem, not 20)
    List<Directive> inServer = offendingInServer(pass, ctx);
    // several servers that all inherit the same values from http: one finding, fixed in http
    List<Directive> inHttp = offendingInHttp(pass, ctx);
    List<Directive> group = inHttp.isEmpty() ? inServer : inHttp;
    if (!group.isEmpty() && group.get(0) != pass) {
      return;
    }
    String prefix = prefixOf(pass);
    long limit = ctx.secondsOption(this, "max-timeout", 60) * 1000;
    List<String> names = new ArrayList<>();
    for (Offense o : offending) {
      names.add(o.name() + " " + (o.set() == null ? "60s (default)" : o.set().arg(0)));
    }
    ctx.report(this, pass, pass.name() + " has timeouts of " + (limit / 1000) + "s or more ("
        + String.join(", ", names) + "): a dead or stalled backend holds each request that long;"
        + " set shorter " + prefix + "_*_timeout values"
        + (inHttp.isEmpty() ? others(inServer, "of this server") : others(inHttp, "of "
            + serverCount(inHttp) + " servers that all inherit them from http"))
        + UnreadIncludes.caveat(firstUnread(offending), "them"),
        inHttp.isEmpty() ? fix(pass, ctx) : httpFix(pass, inHttp, ctx), related(group));
  }

  private static int serverCount(List<Directive> passes) {
    java.util.Set<Directive> servers = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Directive q : passes) {
      servers.add(q.enclosing("server"));
    }
    return servers.size();
  }

  private static final Object IN_HTTP = new Object();

  /**
   * The offending passes of this type in every server of the pass's http block, in order, when
   * two or more servers have some and each of those inherits every offending value from above
   * the server (http or nginx's default): the fix then goes once into http. Empty otherwise.
   */
  private List<Directive> offendingInHttp(Directive pass, RuleContext ctx) {
    Directive http = pass.enclosing("http");
    if (http == null || !http.hasBlock() || pass.enclosing("server") == null) {
      return List.of();
    }
    Map<String, List<Directive>> byType = ctx.perDirective(IN_HTTP, http, h -> new java.util.HashMap<>());
    synchronized (byType) {
      return byType.computeIfAbsent(pass.name(), n -> {
        List<Directive> all = new ArrayList<>();
        int servers = 0;
        for (Directive server : http.block()) {
          if (!server.name().equals("server") || !server.hasBlock()) {
            continue;
          }
          List<Directive> hit = offendingIn(server, n, ctx);
          if (hit.isEmpty()) {
            continue;
          }
          for (Directive q : hit) {
            for (Offense o : offending(q, ctx)) {
              // a value the server (or a location) sets itself is that server's own problem
              if (inside(o.set(), server)) {
                return List.of();
              }
            }
          }
          servers++;
          all.addAll(hit);
        }
        return servers < 2 ? List.of() : all;
      });
    }
  }

  private static final int MAX_RELATED = 50;

  /** The other passes with the same problem (at most 50), as related locations (SARIF shows them). */
  private static List<Finding.Related> related(List<Directive> inServer) {
    if (inServer.size() < 2) {
      return List.of();
    }
    List<Finding.Related> out = new ArrayList<>(Math.min(inServer.size() - 1, MAX_RELATED));
    // the message gives the count; a report with thousands of related places helps nobody
    for (Directive q : inServer.subList(1, Math.min(inServer.size(), MAX_RELATED + 1))) {
      Directive loc = Levels.locationOf(q);
      out.add(new Finding.Related(q.file(), q.headSpan(), "the same timeouts apply to this " + q.name()
          + (loc == null ? "" : " in location " + String.join(" ", loc.args().stream().map(a -> a.value()).toList()))));
    }
    return out;
  }

  private static Directive firstUnread(List<Offense> offending) {
    for (Offense o : offending) {
      if (o.unread() != null) {
        return o.unread();
      }
    }
    return null;
  }

  private static final Object IN_SERVER = new Object();

  /** The passes of this pass's server and type that offend, in order; empty outside a server. */
  private List<Directive> offendingInServer(Directive pass, RuleContext ctx) {
    Directive server = pass.enclosing("server");
    if (server == null || !server.hasBlock()) {
      return List.of();
    }
    return offendingIn(server, pass.name(), ctx);
  }

  /** The passes of a server and type that offend, in order. */
  private List<Directive> offendingIn(Directive server, String type, RuleContext ctx) {
    // per server and pass type: the passes of one server share the answer
    Map<String, List<Directive>> byType = ctx.perDirective(IN_SERVER, server, s -> new java.util.HashMap<>());
    synchronized (byType) {
      return byType.computeIfAbsent(type, n -> {
        List<Directive> all = new ArrayList<>();
        collectPasses(server, n, all);
        List<Directive> hit = new ArrayList<>();
        for (Directive q : all) {
          if (!offending(q, ctx).isEmpty()) {
            hit.add(q);
          }
        }
        return hit;
      });
    }
  }

  /** "; the same in N more passes of this server: location /api/ (file:12), ..." for the passes not reported. */
  private static String others(List<Directive> inServer, String of) {
    if (inServer.size() < 2) {
      return "";
    }
    List<String> where = new ArrayList<>();
    for (Directive q : inServer.subList(1, inServer.size())) {
      Directive loc = Levels.locationOf(q);
      String name = loc == null ? q.name() : "location " + String.join(" ", loc.args().stream().map(a -> a.value()).toList());
      String w = name + " (" + q.file().displayName() + ":" + q.span().line() + ")";
      if (!where.contains(w)) {
        where.add(w);
      }
      if (where.size() == 10) {
        break;
      }
    }
    int more = inServer.size() - 1 - where.size();
    return "; the same in " + (inServer.size() - 1) + " more pass" + (inServer.size() > 2 ? "es" : "")
        + " " + of + ": " + String.join(", ", where) + (more > 0 ? ", ..." : "");
  }

  private static String prefixOf(Directive pass) {
    // (the names this rule dispatches on; no substring per pass)
    return switch (pass.name()) {
      case "proxy_pass" -> "proxy";
      case "fastcgi_pass" -> "fastcgi";
      case "uwsgi_pass" -> "uwsgi";
      case "scgi_pass" -> "scgi";
      case "grpc_pass" -> "grpc";
      default -> pass.name().substring(0, pass.name().indexOf('_'));
    };
  }

  /** The timeouts the rule checks for this pass: connect, plus read and send unless streaming. */
  private static List<String> checkedNames(Directive pass, RuleContext ctx) {
    String prefix = prefixOf(pass);
    List<String> all = names(prefix).timeouts();
    // gRPC streams may stay idle for long, and streaming locations mean to: connect only
    if (prefix.equals("grpc") || streaming(pass, prefix, ctx)) {
      return all.subList(0, 1);
    }
    return all;
  }

  /** The directive names a pass type's checks ask for, made once per prefix (proxy, fastcgi, ...). */
  private record Names(List<String> timeouts, String buffering, String requestBuffering) {}

  private static final Map<String, Names> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

  private static Names names(String prefix) {
    return NAMES.computeIfAbsent(prefix, p -> new Names(
        List.of(p + "_connect_timeout", p + "_read_timeout", p + "_send_timeout"),
        p + "_buffering", p + "_request_buffering"));
  }

  private static final Object OFFENDING = new Object();

  /** The checked timeouts of a pass that are at or over max-timeout; empty when none (or not checked). */
  private List<Offense> offending(Directive pass, RuleContext ctx) {
    // asked once per pass by check and again, for every pass of its server, by fix
    return ctx.perDirective(OFFENDING, pass, p -> offendingNow(p, ctx));
  }

  private List<Offense> offendingNow(Directive pass, RuleContext ctx) {
    // stream{} has proxy_timeout (10m) instead, and no read/send timeouts
    if (!ctx.isHttpContext(pass)) {
      return List.of();
    }
    // a pass directive without a target is a syntax problem for other rules
    if (pass.argCount() < 1) {
      return List.of();
    }
    long limit = ctx.secondsOption(this, "max-timeout", 60) * 1000;
    List<Offense> offending = new ArrayList<>(3);
    boolean socketsOnly = unixSocketsOnly(pass, ctx);
    for (String name : checkedNames(pass, ctx)) {
      // connect() to a unix socket never waits: it succeeds or fails at once (11: Resource
      // temporarily unavailable when the backlog is full), so its timeout is never reached
      if (socketsOnly && name.endsWith("_connect_timeout")) {
        continue;
      }
      Directive set = ctx.effective(pass, name);
      Directive unread = UnreadIncludes.nearest(pass, set == null ? null : set.parent(), ctx, prefixOf(pass), "timeout");
      // an unread include nearer than the value found, named for proxy settings or timeouts
      // (proxy.conf, timeouts.conf), sets a value in practice; another one is named in the message
      if (UnreadIncludes.namedFor(unread, prefixOf(pass), "timeout")) {
        continue;
      }
      // a read or send timeout the author wrote is a choice (long polling, uploads, streams);
      // a connect timeout over the limit is not (nginx caps it near 75 s anyway)
      if (set != null && !name.endsWith("_connect_timeout")) {
        continue;
      }
      long millis = set == null ? DEFAULT_MILLIS : millisOf(set, ctx);
      // a value nginx would reject is not this rule's business
      if (millis < 0 || millis < limit) {
        continue;
      }
      offending.add(new Offense(name, set, unread));
    }
    return offending;
  }

  /** The pass reaches unix sockets only: `unix:` itself, or a group whose every server is one. */
  private static boolean unixSocketsOnly(Directive pass, RuleContext ctx) {
    PassTarget target = PassTarget.of(pass, ctx);
    if (target == null) {
      return false;
    }
    if (target.unixSocket()) {
      return true;
    }
    List<Directive> groups = PassTarget.upstreams(pass, ctx);
    if (groups.isEmpty()) {
      return false;
    }
    for (Directive group : groups) {
      boolean any = false;
      for (Directive server : group.block()) {
        if (!server.name().equals("server")) {
          continue;
        }
        any = true;
        if (server.argCount() < 1 || !server.arg(0).startsWith("unix:")) {
          return false;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static final Object MILLIS = new Object();

  /** A timeout directive's value in ms (-1: not a time), read once per directive: most passes share a few. */
  private static long millisOf(Directive set, RuleContext ctx) {
    return ctx.perDirective(MILLIS, set, d -> NginxValues.millis(d.arg(0) == null ? "" : d.arg(0)));
  }

  /**
   * Unsafe: each timeout that a reported pass of this server inherits from above the server is
   * set once: a value the author wrote above the server (http's proxy_connect_timeout 300s) is
   * edited where it is, never shadowed by a new line below it; nginx's default is replaced by a
   * line at the server level, unless the server already sets it. A connect timeout over the
   * limit that the server or a location writes itself is edited where it is too. Streaming
   * locations that inherit read or send keep their current value, written into them. The change
   * is worked out for the whole server (all its passes of this type), the one finding of the
   * server carries all of it.
   */
  private Fix fix(Directive pass, RuleContext ctx) {
    Directive server = pass.enclosing("server");
    if (server == null || !server.hasBlock() || Levels.locationOf(pass) == null) {
      return null;
    }
    String prefix = prefixOf(pass);
    List<Directive> passes = new ArrayList<>();
    collectPasses(server, pass.name(), passes);
    List<String> needed = new ArrayList<>(3);
    Map<String, Directive> explicitAbove = new java.util.HashMap<>();
    for (String kind : new String[] {"connect", "read", "send"}) {
      String name = prefix + "_" + kind + "_timeout";
      if (!ctx.childrenNamed(server, name).isEmpty()) {
        continue;
      }
      for (Directive q : passes) {
        Offense hit = null;
        for (Offense o : offending(q, ctx)) {
          if (o.name().equals(name) && !inside(o.set(), server)) {
            hit = o;
          }
        }
        if (hit != null) {
          needed.add(name);
          if (hit.set() != null) {
            explicitAbove.put(name, hit.set());
          }
          break;
        }
      }
    }
    // connect timeouts over the limit that the server or one of its locations writes itself:
    // the author's lines are the problem, so each is edited where it is
    List<Directive> ownLines = new ArrayList<>();
    for (Directive q : passes) {
      for (Offense o : offending(q, ctx)) {
        if (o.set() != null && inside(o.set(), server) && !ownLines.contains(o.set())) {
          ownLines.add(o.set());
        }
      }
    }
    // (only the server's first offending pass is reported, and it carries the whole change)
    if (needed.isEmpty() && ownLines.isEmpty()) {
      return null;
    }
    List<TextEdit> edits = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<TextEdit> inserts = new ArrayList<>();
    List<String> inPlace = new ArrayList<>();
    for (Directive own : ownLines) {
      // a line from an included file would change every place that includes it
      if (own.argCount() != 1 || Levels.holderAt(own, own.parent()) != own) {
        return null;
      }
      String value = optionValue(prefix, own.name(), ctx);
      edits.add(Edits.replaceArg(own, own.args().get(0), value));
      inPlace.add(own.name() + " " + value + " in " + describeLevel(own.parent()));
    }
    Directive anchor = serverAnchor(server, prefix);
    for (String name : needed) {
      String value = optionValue(prefix, name, ctx);
      Directive above = explicitAbove.get(name);
      if (above != null) {
        // the author's line: edited where it is (a line from an included file would change
        // every place that includes it, so that is left to the user)
        if (above.argCount() != 1 || Levels.holderAt(above, above.parent()) != above) {
          return null;
        }
        edits.add(Edits.replaceArg(above, above.args().get(0), value));
        inPlace.add(name + " " + value + " in " + above.parent().name());
        continue;
      }
      lines.add(name + " " + value + ";");
      inserts.add(anchor == null ? Edits.insertAtStart(server, name + " " + value + ";")
          : Edits.insertAfter(anchor, name + " " + value + ";"));
    }
    if (anchor == null && inserts.size() > 1) {
      // insertAtStart puts each line right after '{': reverse so they read in order
      Collections.reverse(inserts);
    }
    edits.addAll(inserts);
    List<String> untouched = new ArrayList<>();
    for (String name : needed) {
      if (!explicitAbove.containsKey(name)) {
        untouched.add(name);
      }
    }
    List<TextEdit> pins = pins(passes, untouched, server, ctx);
    if (pins == null) {
      return null;
    }
    edits.addAll(pins);
    List<String> parts = new ArrayList<>();
    if (!lines.isEmpty()) {
      parts.add("set " + String.join(", ", lines).replace(";", "") + " at the server level");
    }
    if (!inPlace.isEmpty()) {
      parts.add("change " + String.join(", ", inPlace) + " where it is written");
    }
    return Fix.unsafe(String.join("; ", parts)
        + (pins.isEmpty() ? "" : " (streaming locations keep their current values)"), edits);
  }

  /**
   * Unsafe: the servers of {@code inHttp} all inherit their offending values from http, so each
   * such timeout is set once in http: a value written in http itself is edited where it is (the
   * author's line, not a second one that nginx would reject as duplicate), others are added
   * after http's own proxy lines. Streaming locations that inherit read or send from above the
   * servers keep their current value, written into them.
   */
  private Fix httpFix(Directive pass, List<Directive> inHttp, RuleContext ctx) {
    Directive http = pass.enclosing("http");
    String prefix = prefixOf(pass);
    List<String> needed = new ArrayList<>(3);
    for (String kind : new String[] {"connect", "read", "send"}) {
      String name = prefix + "_" + kind + "_timeout";
      for (Directive q : inHttp) {
        if (offending(q, ctx).stream().anyMatch(o -> o.name().equals(name)) && !needed.contains(name)) {
          needed.add(name);
        }
      }
    }
    List<TextEdit> edits = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<TextEdit> inserts = new ArrayList<>();
    Directive anchor = serverAnchor(http, prefix);
    for (String name : needed) {
      String value = optionValue(prefix, name, ctx);
      lines.add(name + " " + value + ";");
      List<Directive> own = ctx.childrenNamed(http, name);
      if (!own.isEmpty()) {
        Directive d = own.get(own.size() - 1);
        // a line from an included file would change every place that includes it
        if (Levels.holderAt(d, http) != d || d.argCount() != 1) {
          return null;
        }
        edits.add(Edits.replaceArg(d, d.args().get(0), value));
      } else {
        inserts.add(anchor == null ? Edits.insertAtStart(http, name + " " + value + ";")
            : Edits.insertAfter(anchor, name + " " + value + ";"));
      }
    }
    if (anchor == null && inserts.size() > 1) {
      // insertAtStart puts each line right after '{': reverse so they read in order
      Collections.reverse(inserts);
    }
    edits.addAll(inserts);
    boolean pinnedAny = false;
    for (Directive server : http.block()) {
      if (!server.name().equals("server") || !server.hasBlock()) {
        continue;
      }
      List<Directive> passes = new ArrayList<>();
      collectPasses(server, pass.name(), passes);
      List<TextEdit> pins = pins(passes, needed, server, ctx);
      if (pins == null) {
        return null;
      }
      pinnedAny |= !pins.isEmpty();
      edits.addAll(pins);
    }
    return Fix.unsafe("set " + String.join(", ", lines).replace(";", "") + " in http, for all "
        + serverCount(inHttp) + " servers" + (pinnedAny ? " (streaming locations keep their current values)" : ""), edits);
  }

  /** "server", "location /api/" for a title. */
  private static String describeLevel(Directive level) {
    if (!level.name().equals("location")) {
      return level.name();
    }
    return "location " + String.join(" ", level.args().stream().map(a -> a.value()).toList());
  }

  /** The value the fix writes for a timeout (the rule's options, else 5s connect / 30s read and send). */
  private String optionValue(String prefix, String name, RuleContext ctx) {
    String kind = name.substring(prefix.length() + 1, name.length() - "_timeout".length());
    String value = ctx.option(this, kind + "-timeout", kind.equals("connect") ? "5s" : "30s").trim();
    if (value.isEmpty() || NginxValues.millis(value) < 0) {
      throw new IllegalArgumentException("option proxy-timeouts-default." + kind
          + "-timeout must be a time like 30s, got \"" + value + "\"");
    }
    return value;
  }

  /**
   * Lines that keep a streaming location's current read/send values when the fix sets them
   * above {@code scope}; null when one cannot be placed.
   */
  private static List<TextEdit> pins(List<Directive> passes, List<String> needed, Directive scope, RuleContext ctx) {
    List<TextEdit> edits = new ArrayList<>();
    Map<Directive, List<String>> pinned = new IdentityHashMap<>();
    for (Directive q : passes) {
      List<String> checked = checkedNames(q, ctx);
      Directive loc = Levels.locationOf(q);
      if (loc == null) {
        continue;
      }
      for (String name : needed) {
        Directive set = ctx.effective(q, name);
        if (checked.contains(name) || inside(set, scope)) {
          continue;
        }
        List<String> done = pinned.computeIfAbsent(loc, k -> new ArrayList<>());
        if (done.contains(name)) {
          continue;
        }
        Directive before = Levels.holderAt(q, loc);
        if (before == null) {
          return null;
        }
        done.add(name);
        String current = set == null ? "60s" : set.args().get(0).raw();
        edits.add(Edits.insertBefore(before, name + " " + current + ";"));
      }
    }
    return edits;
  }

  /** The passes of that name under a block, in reading order. */
  private static void collectPasses(Directive block, String name, List<Directive> out) {
    for (Directive d : block.block()) {
      if (d.name().equals(name)) {
        out.add(d);
      } else if (d.hasBlock() && !d.isDataBlock()) {
        collectPasses(d, name, out);
      }
    }
  }

  /** True when {@code set} stands in {@code block} or below it (null, the default: false). */
  private static boolean inside(Directive set, Directive block) {
    for (Directive p = set == null ? null : set.parent(); p != null; p = p.parent()) {
      if (p == block) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the server's new timeouts go: after its last {@code prefix}_* line, else after its
   * last simple line, among those before its first block (listen, server_name, ...), written
   * in the server's file; null: at the start of the block.
   */
  private static Directive serverAnchor(Directive server, String prefix) {
    Directive last = null;
    Directive lastPrefixed = null;
    for (Directive c : server.block()) {
      if (c.hasBlock()) {
        break;
      }
      if (c.file() != server.file() || c.includedBy() != null) {
        continue;
      }
      last = c;
      if (c.name().startsWith(prefix + "_")) {
        lastPrefixed = c;
      }
    }
    return lastPrefixed != null ? lastPrefixed : last;
  }

  /** WebSocket headers, buffering off, or a streaming-looking path: long read/send are intended. */
  private static boolean streaming(Directive pass, String prefix, RuleContext ctx) {
    if (prefix.equals("proxy")) {
      List<Directive> headers = ctx.effectiveArray(pass, "proxy_set_header");
      // one answer per header list (a list is one level's lines, so its first line names it),
      // not per pass: most passes inherit one of a few lists
      if (!headers.isEmpty() && ctx.perDirective(UPGRADE_HEADERS, headers.get(0), first -> upgrades(headers, ctx))) {
        return true;
      }
    }
    Names names = names(prefix);
    if (isOff(ctx.effective(pass, names.buffering())) || isOff(ctx.effective(pass, names.requestBuffering()))) {
      return true;
    }
    for (Directive loc = pass.enclosing("location"); loc != null; loc = loc.enclosing("location")) {
      String path = loc.argCount() == 0 ? "" : loc.arg(loc.argCount() - 1);
      for (String p : STREAMING_PATHS) {
        if (containsIgnoreCase(path, p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Object UPGRADE_HEADERS = new Object();

  /** Whether a proxy_set_header list forwards a WebSocket upgrade (Upgrade $http_upgrade, Connection upgrade). */
  private static boolean upgrades(List<Directive> headers, RuleContext ctx) {
    for (Directive h : headers) {
      if (h.argCount() < 2) {
        continue;
      }
      String header = h.arg(0);
      String value = h.arg(1);
      if (header.equalsIgnoreCase("upgrade") && containsIgnoreCase(value, "$http_upgrade")) {
        return true;
      }
      if (header.equalsIgnoreCase("connection")
          && (value.trim().equalsIgnoreCase("upgrade") || upgradeMapped(value, ctx))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s}, lowercased char by char, contains {@code lower} (all lowercase), without a copy. */
  private static boolean containsIgnoreCase(String s, String lower) {
    outer:
    for (int i = 0; i + lower.length() <= s.length(); i++) {
      for (int k = 0; k < lower.length(); k++) {
        if (Character.toLowerCase(s.charAt(i + k)) != lower.charAt(k)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean upgradeMapped(String value, RuleContext ctx) {
    String var = WebSocket.soleVariable(value);
    if (var == null) {
      return false;
    }
    for (Directive def : ctx.variableDefinitions(var)) {
      if (WebSocket.isUpgradeMap(def)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOff(Directive d) {
    return d != null && "off".equalsIgnoreCase(d.arg(0));
  }
}
