package dev.nginxlint.rules.reliability;

import dev.nginxlint.fix.Edits;
import dev.nginxlint.fix.Fix;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.PassTarget;
import dev.nginxlint.rules.support.UnreadIncludes;
import dev.nginxlint.rules.support.VariableValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A proxy_pass with variables whose host can be a hostname while no resolver is in effect:
 * nginx -t passes, then every such request fails with 502 "no resolver defined to resolve".
 */
@RuleOption(name = "resolver", type = RuleOption.Type.WORDS, defaultValue = "", description = "the arguments of the resolver directive the fix inserts (unset: the fix is display-only)")
@Rule(id = "proxy-pass-resolver", category = Category.RELIABILITY, severity = Severity.WARNING,
    fix = FixAvailability.ALWAYS)
public final class ProxyPassResolver implements DirectiveRule {

  /** How deep variable values are traced through set/map (set $a $b; set $b ...). */
  private static final int MAX_DEPTH = 4;
  /** Marks a host part that needs no resolver in the per-tree cache. */
  private static final String NO_DNS = "";

  /** What one tree's variables can hold, computed once per tree. */
  private static final class TreeFacts {
    /** variable + what follows it → the host needing DNS ("" when none), for verdicts that
     *  do not depend on where the proxy_pass stands. */
    final Map<String, String> memo = new HashMap<>();
    /** variable → its values, by the level (location/server; the tree for none) of each set. */
    final Map<String, Map<Object, List<String>>> setValues = new HashMap<>();
    /** variable → the values of its map/geo/split_clients; empty when a setter is opaque. */
    final Map<String, Optional<List<String>>> otherValues = new HashMap<>();
  }

  /**
   * Rule instances are shared across trees, so the facts are keyed by tree and dropped with it.
   */
  private final Map<ConfigTree, TreeFacts> cache = Collections.synchronizedMap(new WeakHashMap<>());

  /** Unread include names that set a resolver in practice (linuxserver's resolver.conf). */
  private static final String[] RESOLVER_TOPICS = {"resolver", "dns"};

  @Override
  public Set<String> directives() {
    return Set.of("proxy_pass");
  }

  @Override
  public void check(Directive pass, RuleContext ctx) {
    String host = host(pass, ctx);
    if (host == null) {
      return;
    }
    ctx.report(this, pass, "proxy_pass has variables, so nginx resolves its host at run time (" + host
        + "), but no resolver is in effect: such requests fail with 502"
        + " (\"no resolver defined\"); add a resolver or use an upstream group" + caveat(pass, ctx), fix(pass, ctx));
  }

  /** What could still hold a resolver: an unread include on the way, or the http level a snippet does not see. */
  private static String caveat(Directive pass, RuleContext ctx) {
    Directive unread = UnreadIncludes.nearest(pass, null, ctx, RESOLVER_TOPICS);
    if (!pass.tree().isMain() && pass.enclosing("http") == null) {
      return ", unless the configuration that includes this file sets one at http level";
    }
    return UnreadIncludes.caveat(unread, "one");
  }

  /**
   * Display-only while the `resolver` option is unset (no DNS address is safe to guess); with
   * it, safe: `resolver <option>;` at the start of http {}, which a finding shows has none. Every
   * finding carries that one line (the fix loop makes an identical edit once).
   */
  private Fix fix(Directive pass, RuleContext ctx) {
    String value = ctx.option(this, "resolver", "").trim();
    Directive http = pass.enclosing("http");
    String title = "add a resolver at the start of http {}";
    if (value.isEmpty() || http == null || !http.hasBlock()) {
      return Fix.displayOnly(title + " (set the rule option \"resolver\" to the DNS server, e.g."
          + " 127.0.0.53 valid=30s ipv6=off)", List.of());
    }
    String line = "resolver " + value + ";";
    // before a block (upstream, server, map) it reads as a paragraph of its own
    Directive first = null;
    for (Directive d : http.block()) {
      if (d.file() == http.file() && d.includedBy() == null) {
        first = d;
        break;
      }
    }
    List<TextEdit> edits = List.of(first != null && first.hasBlock()
        ? Edits.insertParagraphBefore(first, line) : Edits.insertAtStart(http, line));
    Directive unread = UnreadIncludes.nearest(pass, null, ctx);
    // a second resolver at the level of one an unread include sets is nginx's "is duplicate"
    return unread == null ? Fix.safe(title + ": " + line, edits)
        : Fix.unsafe(title + ": " + line + " (\"" + unread.arg(0) + "\" was not read and may set one)", edits);
  }

  /** The host (for the message) that needs a resolver no level provides, or null. */
  private String host(Directive pass, RuleContext ctx) {
    // stream{} is another module with its own resolver; this rule is about http
    if (!ctx.isHttpContext(pass)) {
      return null;
    }
    PassTarget target = PassTarget.of(pass, ctx);
    // without variables the host is resolved once at start-up by the system resolver
    if (target == null || !target.anyVariable()) {
      return null;
    }
    // a resolver in effect (location, enclosing location, server, http) answers at run time
    if (ctx.effective(pass, "resolver") != null) {
      return null;
    }
    // an unread include named for it (linuxserver's resolver.conf) holds the resolver in practice;
    // any other unread include is named in the message
    Directive unread = UnreadIncludes.nearest(pass, null, ctx, RESOLVER_TOPICS);
    if (UnreadIncludes.namedFor(unread, RESOLVER_TOPICS)) {
      return null;
    }
    String rest = target.rest();
    String scheme = target.scheme();
    // the levels whose "set" directives run for a request that reaches this proxy_pass
    Set<Directive> scope = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Directive p = pass.parent(); p != null; p = p.parent()) {
      if (VariableValues.isLevel(p)) {
        scope.add(p);
      }
    }
    TreeFacts facts = cache.computeIfAbsent(ctx.tree(), t -> new TreeFacts());
    String host;
    synchronized (facts) {
      host = needsDns(scheme, rest, ctx, scope, facts, 0);
    }
    // every possible host is an upstream name, an IP literal or a unix: socket
    return host == null || host.isEmpty() ? null : host;
  }

  /**
   * The host (for the message) that the URL part after the scheme can resolve through DNS,
   * or null when every possible value is an upstream name (no port), an IP literal or unix:.
   */
  private static String needsDns(String scheme, String rest, RuleContext ctx, Set<Directive> scope,
      TreeFacts facts, int depth) {
    if (rest.startsWith("unix:")) {
      return null;
    }
    String var = leadingVariable(rest);
    if (var != null) {
      String name = var.startsWith("${") ? var.substring(2, var.length() - 1) : var.substring(1);
      String after = rest.substring(var.length());
      List<String> values = null;
      boolean scoped = false;
      if (depth < MAX_DEPTH) {
        Optional<List<String>> other = otherValues(name, ctx, facts);
        List<String> inScope = new ArrayList<>();
        Map<Object, List<String>> sets = setValues(name, ctx, facts);
        for (Directive level : scope) {
          inScope.addAll(sets.getOrDefault(level, List.of()));
        }
        if (other.isPresent() && (!sets.isEmpty() || !other.get().isEmpty())) {
          values = new ArrayList<>(other.get());
          if (!inScope.isEmpty()) {
            // only the sets of this request's own levels run for it
            scoped = true;
            values.addAll(inScope);
          } else {
            // no set here: a value can still come along an internal redirect
            for (List<String> v : sets.values()) {
              values.addAll(v);
            }
          }
        }
      }
      // a value with variables may lead to a set of this request's levels: not memoized
      boolean memoize = !scoped && (values == null || values.stream().noneMatch(v -> v.indexOf('$') >= 0));
      String key = scheme + "\u0000" + name + "\u0000" + after;
      if (memoize && facts.memo.containsKey(key)) {
        String known = facts.memo.get(key);
        return known.isEmpty() ? null : known;
      }
      String found = null;
      if (values == null) {
        // a built-in or request-derived variable ($host, $http_*, $arg_*, $1) can hold anything
        found = "$" + name + " can hold any host";
      } else {
        for (String v : new LinkedHashSet<>(values)) {
          // a variable may hold a whole URL when it is all of proxy_pass
          int sep = v.indexOf("://");
          String value = sep >= 0 ? v.substring(sep + 3) : v;
          String valueScheme = sep >= 0 ? v.substring(0, sep) : scheme;
          // an empty value gives an invalid URL, not a DNS lookup
          if (value.isEmpty() && (after.isEmpty() || after.startsWith("/") || after.startsWith(":"))) {
            continue;
          }
          String host = needsDns(valueScheme, value + after, ctx, scope, facts, depth + 1);
          if (host != null) {
            found = host.startsWith("\"") && !host.contains(" from $") ? host + " from $" + name : host;
            break;
          }
        }
      }
      if (memoize) {
        facts.memo.put(key, found == null ? NO_DNS : found);
      }
      return found;
    }
    // a literal host; a variable after it belongs to the URI, or to the port after ':'
    int end = rest.length();
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      end = slash;
    }
    int dollar = rest.indexOf('$');
    if (dollar >= 0 && dollar < end) {
      end = dollar;
    }
    String hostPort = rest.substring(0, end);
    boolean variablePort = hostPort.endsWith(":") && end == dollar;
    String[] split = PassTarget.splitHostPort(hostPort);
    String host = split[0];
    String port = split[1];
    if (variablePort) {
      port = "$";
    }
    // nothing to resolve (nginx rejects the URL instead)
    if (host.isEmpty()) {
      return null;
    }
    // IP literals connect directly
    if (PassTarget.isIp(host)) {
      return null;
    }
    // upstream groups match only when the URL has no port
    if (port == null && ctx.httpUpstream(host) != null) {
      return null;
    }
    // the same host:port as a literal *_pass elsewhere: nginx finds that implicit upstream
    int portNumber = port == null ? PassTarget.defaultPort(scheme) : PassTarget.parsePort(port);
    if (PassTarget.isImplicitUpstream(host, portNumber, ctx)) {
      return null;
    }
    return "\"" + host + "\"";
  }

  /** "$name" or "${name}" at the start of s, or null. */
  private static String leadingVariable(String s) {
    if (s.length() < 2 || s.charAt(0) != '$') {
      return null;
    }
    if (s.charAt(1) == '{') {
      int close = s.indexOf('}');
      return close > 2 ? s.substring(0, close + 1) : null;
    }
    int i = 1;
    while (i < s.length() && (s.charAt(i) == '_' || Character.isLetterOrDigit(s.charAt(i)))) {
      i++;
    }
    return i > 1 ? s.substring(0, i) : null;
  }

  /** The values `set` gives the variable, by the level the set stands in. */
  private static Map<Object, List<String>> setValues(String name, RuleContext ctx, TreeFacts facts) {
    return facts.setValues.computeIfAbsent(name, n -> {
      Map<Object, List<String>> byLevel = new IdentityHashMap<>();
      for (Directive def : ctx.variableDefinitions(n)) {
        if (def.name().equals("set") && def.argCount() >= 2) {
          Object level = VariableValues.level(def);
          byLevel.computeIfAbsent(level == null ? ctx.tree() : level, k -> new ArrayList<>()).add(def.arg(1));
        }
      }
      return byLevel;
    });
  }

  /**
   * The values map/geo/split_clients give the variable (empty when only set defines it); empty
   * Optional when it is unknown: no definition at all (built-in, $1, $http_*) or a setter
   * computed at run time (perl_set, js_set, Lua, auth_request_set, geoip2).
   */
  private static Optional<List<String>> otherValues(String name, RuleContext ctx, TreeFacts facts) {
    return facts.otherValues.computeIfAbsent(name, n -> {
      List<Directive> defs = ctx.variableDefinitions(n);
      if (defs.isEmpty()) {
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      for (Directive def : defs) {
        switch (def.name()) {
          case "set" -> {
            // by level, see setValues
          }
          case "map", "geo", "split_clients" -> {
            if (!def.hasBlock()) {
              return Optional.empty();
            }
            for (Directive e : def.block()) {
              // map/geo flags (hostnames, volatile, ranges, proxy...) carry no value
              if (e.argCount() < 1 || VariableValues.isFlag(def.name(), e.name())) {
                continue;
              }
              out.add(e.arg(e.argCount() - 1));
            }
          }
          default -> {
            return Optional.empty();
          }
        }
      }
      return Optional.of(out);
    });
  }
}
