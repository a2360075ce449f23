package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.UnreadIncludes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a `*_next_upstream` setting does to requests towards a group that has a next server:
 * `non_idempotent` sends a POST, LOCK or PATCH the failed server may already have acted on to
 * the next one (a duplicate order or payment); `off`, a list without `error` (it replaces the
 * default `error timeout`, it does not add to it) or `*_next_upstream_tries 1` leaves no
 * failover at all, so a refused connection to one server is a 502 although another one is up.
 * Judged per pass, with inheritance, and reported once at the line that decides.
 */
@Rule(id = "proxy-next-upstream-non-idempotent", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class ProxyNextUpstreamNonIdempotent implements DirectiveRule {

  /** The pass modules with a *_next_upstream list (memcached has no non_idempotent). */
  private static final Map<String, String> PREFIX_OF_PASS = Map.of(
      "proxy_pass", "proxy", "fastcgi_pass", "fastcgi", "uwsgi_pass", "uwsgi", "scgi_pass", "scgi",
      "grpc_pass", "grpc", "memcached_pass", "memcached");
  private static final NginxVersion HTTP11_DEFAULT = NginxVersion.KEEPALIVE_DEFAULTS;
  private static final Object ANALYSIS = new Object();
  /** Unread include names that set the retry policy in practice. */
  private static final String[] TOPICS = {"proxy", "upstream", "retry", "failover"};

  private enum Kind { NON_IDEMPOTENT, OFF, NO_ERROR, TRIES_ONE }

  /** One pass that a setting harms, and the group it reaches. */
  private record Hit(Kind kind, Directive pass, Directive group, int servers, Directive unread) {}

  @Override
  public Set<String> directives() {
    Set<String> names = new java.util.HashSet<>();
    for (String prefix : PREFIX_OF_PASS.values()) {
      names.add(prefix + "_next_upstream");
      names.add(prefix + "_next_upstream_tries");
    }
    return names;
  }

  @Override
  public void check(Directive d, RuleContext ctx) {
    // the stream module's proxy_next_upstream is an on/off flag of its own
    if (!ctx.isHttpContext(d)) {
      return;
    }
    Map<Directive, List<Hit>> byLine = ctx.shared(ANALYSIS, () -> analyse(ctx));
    List<Hit> hits = byLine.get(d);
    // no pass that reaches a group with a next server inherits this line
    if (hits == null) {
      return;
    }
    Map<Kind, List<Hit>> byKind = new LinkedHashMap<>();
    for (Hit h : hits) {
      byKind.computeIfAbsent(h.kind(), k -> new ArrayList<>()).add(h);
    }
    byKind.forEach((kind, some) -> report(d, kind, some, ctx));
  }

  // ---- which passes each line harms ----

  private static Map<Directive, List<Hit>> analyse(RuleContext ctx) {
    Map<Directive, List<Hit>> out = new IdentityHashMap<>();
    for (Directive pass : ctx.directivesNamed(PREFIX_OF_PASS.keySet())) {
      // stream passes have no next_upstream list; only http groups are looked up
      if (!ctx.isHttpContext(pass)) {
        continue;
      }
      Directive group = null;
      int servers = 0;
      for (Directive g : PassTarget.upstreams(pass, ctx)) {
        int n = liveServers(g, ctx);
        if (n > servers) {
          group = g;
          servers = n;
        }
      }
      // one server (or a literal host, whose address count nginx alone knows): no next server
      if (servers < 2) {
        continue;
      }
      String prefix = PREFIX_OF_PASS.get(pass.name());
      List<Directive> list = ctx.effectiveArray(pass, prefix + "_next_upstream");
      Directive tries = ctx.effective(pass, prefix + "_next_upstream_tries");
      // nothing written: the default error timeout fails over and never replays a sent POST
      if (list.isEmpty() && tries == null) {
        continue;
      }
      List<Arg> words = new ArrayList<>();
      boolean unknown = false;
      for (Directive line : list) {
        for (Arg a : line.args()) {
          // a template placeholder or variable: the list is not known here
          unknown |= a.hasVariable();
          words.add(a);
        }
      }
      if (unknown) {
        continue;
      }
      Arg off = find(words, "off");
      if (off != null) {
        add(out, lineOf(list, off), new Hit(Kind.OFF, pass, group, servers, unread(pass, lineOf(list, off), ctx)));
        continue;
      }
      // tries 1: nginx gives the request one server whatever the list says
      if (tries != null && "1".equals(tries.arg(0))) {
        add(out, tries, new Hit(Kind.TRIES_ONE, pass, group, servers, unread(pass, tries, ctx)));
        continue;
      }
      if (!list.isEmpty() && find(words, "error") == null) {
        Directive last = list.get(list.size() - 1);
        add(out, last, new Hit(Kind.NO_ERROR, pass, group, servers, unread(pass, last, ctx)));
      }
      Arg replay = find(words, "non_idempotent");
      if (replay != null && hasCondition(words) && !bodyUnbuffered(pass, prefix, ctx)) {
        Directive line = lineOf(list, replay);
        add(out, line, new Hit(Kind.NON_IDEMPOTENT, pass, group, servers, unread(pass, line, ctx)));
      }
    }
    return out;
  }

  private static void add(Map<Directive, List<Hit>> out, Directive line, Hit hit) {
    // an unread include named for the retry policy sets it in practice
    if (hit.unread() != null && UnreadIncludes.namedFor(hit.unread(), TOPICS)) {
      return;
    }
    out.computeIfAbsent(line, k -> new ArrayList<>()).add(hit);
  }

  /** An include that read nothing between the pass and the level of the line, or null. */
  private static Directive unread(Directive pass, Directive line, RuleContext ctx) {
    return UnreadIncludes.nearest(pass, line.parent(), ctx, TOPICS);
  }

  /**
   * Servers of the group nginx may choose, backups included: a down server is never chosen, so
   * a group of one live server and down ones has no next server.
   */
  private static int liveServers(Directive group, RuleContext ctx) {
    int n = 0;
    for (Directive s : ctx.childrenNamed(group, "server")) {
      boolean down = false;
      for (int i = 1; i < s.argCount(); i++) {
        down |= s.arg(i).equals("down");
      }
      if (!down) {
        n++;
      }
    }
    return n;
  }

  /** True when the list names a failure besides non_idempotent: only then is anything retried. */
  private static boolean hasCondition(List<Arg> words) {
    for (Arg a : words) {
      String w = a.value().toLowerCase(Locale.ROOT);
      if (!w.equals("non_idempotent") && !w.equals("off")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when nginx streams the request body (request_body_no_buffering): it then never sends a
   * request to a second server once the first has it (src ngx_http_upstream_next()). gRPC always
   * streams; proxy only when proxy_request_buffering is off and it speaks HTTP/1.1 (with 1.0 a
   * chunked body is still buffered); fastcgi, uwsgi and scgi when *_request_buffering is off.
   */
  private static boolean bodyUnbuffered(Directive pass, String prefix, RuleContext ctx) {
    if (prefix.equals("grpc")) {
      return true;
    }
    Directive buffering = ctx.effective(pass, prefix + "_request_buffering");
    if (buffering == null || !"off".equalsIgnoreCase(buffering.arg(0))) {
      return false;
    }
    if (!prefix.equals("proxy")) {
      return true;
    }
    Directive version = ctx.effective(pass, "proxy_http_version");
    return version == null ? ctx.version().atLeast(HTTP11_DEFAULT) : "1.1".equals(version.arg(0));
  }

  private static Arg find(List<Arg> words, String word) {
    Arg found = null;
    for (Arg a : words) {
      if (a.value().equalsIgnoreCase(word)) {
        found = a;
      }
    }
    return found;
  }

  private static Directive lineOf(List<Directive> lines, Arg arg) {
    for (Directive d : lines) {
      if (d.args().contains(arg)) {
        return d;
      }
    }
    return lines.get(lines.size() - 1);
  }

  // ---- the finding ----

  private void report(Directive d, Kind kind, List<Hit> hits, RuleContext ctx) {
    Hit first = hits.get(0);
    String where = first.pass().name() + " to upstream \"" + first.group().arg(0) + "\" (" + first.servers()
        + " servers" + (hits.size() > 1 ? "; " + (hits.size() - 1) + " more " + plural(hits.size() - 1, "pass") : "")
        + ")";
    String prefix = d.name().substring(0, d.name().indexOf('_'));
    String msg = switch (kind) {
      case NON_IDEMPOTENT -> prefix + "_next_upstream non_idempotent: a POST, LOCK or PATCH that a server of the "
          + "group received and then failed on (an error, a timeout or a listed status) is sent again to the "
          + "next server, which acts on it a second time (a duplicate order or payment): " + where;
      case OFF -> prefix + "_next_upstream off: no request goes to a next server, so a server that refuses"
          + " or drops the connection answers each request sent to it with 502 (504 on a timeout) although the"
          + " other servers are up: " + where;
      case NO_ERROR -> prefix + "_next_upstream " + join(ctx.effectiveArray(first.pass(), d.name()))
          + " replaces the default \"error timeout\" (it does not add to it): a request whose server refuses"
          + " or drops the connection gets a 502 instead of going to the next server: " + where;
      case TRIES_ONE -> prefix + "_next_upstream_tries 1: a request is never passed to a next server, so a"
          + " server that refuses or drops the connection answers each request sent to it with 502 although"
          + " the other servers are up: " + where;
    };
    ctx.report(this, d, msg + UnreadIncludes.caveat(first.unread(), "the policy again"),
        fix(d, kind, ctx, first.pass()), related(d, hits));
  }

  /** The passes the line harms, the first one too when it stands elsewhere (an inherited line). */
  private static List<Finding.Related> related(Directive line, List<Hit> hits) {
    List<Finding.Related> out = new ArrayList<>();
    int from = hits.get(0).pass().parent() == line.parent() ? 1 : 0;
    for (int i = from; i < hits.size() && out.size() < 10; i++) {
      Directive p = hits.get(i).pass();
      out.add(new Finding.Related(p.file(), p.headSpan(), "the same setting applies to this " + p.name()
          + " (upstream \"" + hits.get(i).group().arg(0) + "\")"));
    }
    return out;
  }

  // ---- the fix ----

  private static Fix fix(Directive d, Kind kind, RuleContext ctx, Directive pass) {
    List<TextEdit> edits = new ArrayList<>();
    String title;
    switch (kind) {
      case NON_IDEMPOTENT -> {
        Arg word = find(d.args(), "non_idempotent");
        boolean alone = d.argCount() == 1;
        edits.add(alone ? Edits.delete(d) : Edits.removeArg(d, word));
        title = "remove non_idempotent (a POST, LOCK or PATCH whose server fails after receiving it then gets a"
            + " 502 instead of a second try: keep it only if the backend ignores repeated requests)";
      }
      case OFF -> {
        Arg word = find(d.args(), "off");
        edits.add(Edits.replaceArg(d, word, "error timeout"));
        title = "replace off with error timeout (the default: a request goes to the next server on a refused or"
            + " dropped connection or a timeout)";
      }
      case NO_ERROR -> {
        boolean timeout = false;
        for (Directive line : ctx.effectiveArray(pass, d.name())) {
          timeout |= find(line.args(), "timeout") != null;
        }
        String add = timeout ? "error" : "error timeout";
        edits.add(Edits.appendArg(d, add));
        title = "add " + add + " (the default the list replaced: a request goes to the next server on a refused or"
            + " dropped connection" + (timeout ? "" : " or a timeout") + ")";
      }
      default -> {
        edits.add(Edits.replaceArg(d, d.args().get(0), "2"));
        title = "set " + d.name() + " 2 (one more server is tried after a failure)";
      }
    }
    return Fix.unsafe(title, edits);
  }

  private static String join(List<Directive> lines) {
    List<String> words = new ArrayList<>();
    for (Directive l : lines) {
      for (Arg a : l.args()) {
        words.add(a.value());
      }
    }
    return String.join(" ", words);
  }

  private static String plural(int n, String word) {
    return n == 1 ? word : word + "es";
  }
}
