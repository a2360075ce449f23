package dev.nginxlint.rules.correctness;

import dev.nginxlint.lint.Category;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.lint.Severity;
import dev.nginxlint.lint.TreeRule;
import dev.nginxlint.model.Arg;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.Envsubst;
import dev.nginxlint.model.Quote;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import dev.nginxlint.rules.RuleOption;
import dev.nginxlint.rules.support.Variables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A `$name` in an argument nginx compiles as a script (proxy_pass, proxy_set_header values,
 * return, log_format, map sources and values...) that no module provides and nothing in the
 * config defines: nginx refuses to start with `unknown "name" variable`. Variables are global in
 * nginx (a `set $x` in any server defines $x for every other one) and their names are
 * case-insensitive.
 */
@RuleOption(name = "extra-variables", type = RuleOption.Type.LIST, defaultValue = "", description = "more variable names to accept (an in-house module's)")
@Rule(id = "unknown-variable", category = Category.CORRECTNESS, severity = Severity.ERROR,
    fix = FixAvailability.NONE)
public final class UnknownVariable implements TreeRule {

  /** Which arguments of a directive nginx compiles with variables. */
  private enum Args {
    ALL,
    FIRST,
    /** The value after a name (headers, params, set); for log_format every string after the name. */
    SECOND,
    LAST,
    /** Every argument but a regex (`~...`): proxy_redirect, proxy_cookie_domain/path. */
    NOT_REGEX,
    /** access_log: the path (not a syslog: target) and an if= condition. */
    LOG_PATH
  }

  private static final Map<String, Args> INTERPOLATED = Map.ofEntries(
      // ngx_http_proxy/fastcgi/uwsgi/scgi/grpc/memcached: the URL (stream proxy_pass too)
      Map.entry("proxy_pass", Args.FIRST), Map.entry("fastcgi_pass", Args.FIRST), Map.entry("uwsgi_pass", Args.FIRST),
      Map.entry("scgi_pass", Args.FIRST), Map.entry("grpc_pass", Args.FIRST), Map.entry("memcached_pass", Args.FIRST),
      // headers and parameters: the value
      Map.entry("proxy_set_header", Args.SECOND), Map.entry("grpc_set_header", Args.SECOND),
      Map.entry("add_header", Args.SECOND), Map.entry("add_trailer", Args.SECOND),
      Map.entry("fastcgi_param", Args.SECOND), Map.entry("uwsgi_param", Args.SECOND), Map.entry("scgi_param", Args.SECOND),
      Map.entry("set", Args.SECOND), Map.entry("auth_request_set", Args.SECOND), Map.entry("rewrite", Args.SECOND),
      // whole argument lists
      Map.entry("return", Args.ALL), Map.entry("try_files", Args.ALL), Map.entry("index", Args.ALL),
      Map.entry("root", Args.FIRST), Map.entry("alias", Args.FIRST), Map.entry("error_page", Args.LAST),
      Map.entry("proxy_cache_key", Args.FIRST), Map.entry("fastcgi_cache_key", Args.FIRST),
      Map.entry("uwsgi_cache_key", Args.FIRST), Map.entry("scgi_cache_key", Args.FIRST),
      Map.entry("proxy_cache_bypass", Args.ALL), Map.entry("proxy_no_cache", Args.ALL),
      Map.entry("fastcgi_cache_bypass", Args.ALL), Map.entry("fastcgi_no_cache", Args.ALL),
      Map.entry("uwsgi_cache_bypass", Args.ALL), Map.entry("uwsgi_no_cache", Args.ALL),
      Map.entry("scgi_cache_bypass", Args.ALL), Map.entry("scgi_no_cache", Args.ALL),
      Map.entry("limit_req_zone", Args.FIRST), Map.entry("limit_conn_zone", Args.FIRST),
      Map.entry("map", Args.FIRST), Map.entry("split_clients", Args.FIRST), Map.entry("hash", Args.FIRST),
      Map.entry("secure_link", Args.FIRST), Map.entry("secure_link_md5", Args.FIRST),
      Map.entry("auth_basic_user_file", Args.FIRST), Map.entry("sub_filter", Args.ALL),
      Map.entry("proxy_ssl_name", Args.FIRST), Map.entry("grpc_ssl_name", Args.FIRST),
      Map.entry("log_format", Args.SECOND),
      Map.entry("access_log", Args.LOG_PATH),
      Map.entry("proxy_redirect", Args.NOT_REGEX), Map.entry("proxy_cookie_domain", Args.NOT_REGEX),
      Map.entry("proxy_cookie_path", Args.NOT_REGEX),
      Map.entry("ssl_certificate", Args.FIRST), Map.entry("ssl_certificate_key", Args.FIRST),
      Map.entry("proxy_ssl_certificate", Args.FIRST), Map.entry("proxy_ssl_certificate_key", Args.FIRST),
      Map.entry("grpc_ssl_certificate", Args.FIRST), Map.entry("grpc_ssl_certificate_key", Args.FIRST),
      Map.entry("uwsgi_ssl_certificate", Args.FIRST), Map.entry("uwsgi_ssl_certificate_key", Args.FIRST),
      Map.entry("auth_basic", Args.FIRST), Map.entry("limit_rate", Args.FIRST), Map.entry("limit_rate_after", Args.FIRST),
      Map.entry("proxy_bind", Args.FIRST), Map.entry("fastcgi_bind", Args.FIRST), Map.entry("uwsgi_bind", Args.FIRST),
      Map.entry("scgi_bind", Args.FIRST), Map.entry("grpc_bind", Args.FIRST), Map.entry("memcached_bind", Args.FIRST),
      Map.entry("proxy_store", Args.FIRST), Map.entry("fastcgi_store", Args.FIRST), Map.entry("uwsgi_store", Args.FIRST),
      Map.entry("scgi_store", Args.FIRST), Map.entry("expires", Args.ALL), Map.entry("charset", Args.FIRST),
      Map.entry("proxy_method", Args.FIRST), Map.entry("proxy_set_body", Args.FIRST));

  /** Regex-taking directives, whose named captures ((?<name>...), (?P<name>...)) become variables. */
  private static final List<String> REGEX_HOLDERS = List.of("location", "server_name", "if", "rewrite",
      "proxy_redirect", "proxy_cookie_domain", "proxy_cookie_path", "valid_referers", "subs_filter");
  private static final Pattern NAMED_CAPTURE = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>|\\(\\?'([A-Za-z_][A-Za-z0-9_]*)'");

  /** Dynamic modules whose variables the built-in table holds (others may define any name). */
  private static final Set<String> KNOWN_MODULES = Set.of(
      "ndk_http_module", "ngx_http_auth_pam_module", "ngx_http_cache_purge_module", "ngx_http_dav_ext_module",
      "ngx_http_echo_module", "ngx_http_fancyindex_module", "ngx_http_geoip2_module", "ngx_http_geoip_module",
      "ngx_http_headers_more_filter_module", "ngx_http_image_filter_module", "ngx_http_lua_module",
      "ngx_http_perl_module", "ngx_http_subs_filter_module", "ngx_http_uploadprogress_module",
      "ngx_http_upstream_fair_module", "ngx_http_xslt_filter_module", "ngx_mail_module", "ngx_nchan_module",
      "ngx_stream_geoip2_module", "ngx_stream_geoip_module", "ngx_stream_module",
      "ngx_http_js_module", "ngx_stream_js_module", "ngx_otel_module",
      "ngx_http_brotli_filter_module", "ngx_http_brotli_static_module");

  @Override
  public void check(ConfigTree tree, RuleContext ctx) {
    // a module this table does not know may provide any variable
    for (Directive load : ctx.directivesNamed("load_module")) {
      if (!KNOWN_MODULES.contains(moduleName(load.arg(0)))) {
        return;
      }
    }
    // variables are global: a file that was not read may define the name anywhere
    if (hasUnreadInclude(ctx)) {
      return;
    }
    // a snippet alone cannot see what its main config defines: only unsubstituted ${NAME}
    // placeholders (no nginx config writes a variable that way and defines it elsewhere) count
    boolean placeholdersOnly = !tree.isMain();
    for (Map.Entry<String, Args> e : INTERPOLATED.entrySet()) {
      for (Directive d : ctx.directivesNamed(e.getKey())) {
        List<Arg> args = d.args();
        for (int i = 0; i < args.size(); i++) {
          if (interpolated(d, e.getValue(), i)) {
            checkArg(d, args.get(i), placeholdersOnly, ctx);
          }
        }
      }
    }
    for (Directive d : ctx.directivesNamed("if")) {
      checkIf(d, placeholdersOnly, ctx);
    }
    for (Directive d : ctx.directivesNamed("map")) {
      // map values (the last word of each entry) may hold variables since nginx 0.9.0
      if (!d.hasBlock()) {
        continue;
      }
      for (Directive entry : d.block()) {
        if (entry.argCount() >= 1 && !entry.name().equals("hostnames") && !entry.name().equals("volatile")
            && !entry.name().equals("include")) {
          checkArg(entry, entry.args().get(entry.argCount() - 1), placeholdersOnly, ctx);
        }
      }
    }
  }

  private static boolean interpolated(Directive d, Args from, int i) {
    return switch (from) {
      case ALL -> true;
      case FIRST -> i == 0;
      // log_format NAME [escape=...] STRING...: every string after the name
      case SECOND -> d.name().equals("log_format") ? i >= 1 && !d.arg(i).startsWith("escape=") : i == 1;
      case LAST -> i == d.argCount() - 1;
      case NOT_REGEX -> !d.arg(i).startsWith("~");
      case LOG_PATH -> i == 0 ? !d.arg(0).startsWith("syslog:") : d.arg(i).startsWith("if=");
    };
  }

  /** The words of an `if` condition nginx compiles: not the regex after ~, ~*, !~, !~*. */
  private void checkIf(Directive d, boolean placeholdersOnly, RuleContext ctx) {
    List<Arg> args = d.args();
    for (int i = 0; i < args.size(); i++) {
      String v = args.get(i).value();
      if (v.equals("~") || v.equals("~*") || v.equals("!~") || v.equals("!~*")) {
        i++;
        continue;
      }
      checkArg(d, args.get(i), placeholdersOnly, ctx);
    }
  }

  private void checkArg(Directive d, Arg arg, boolean placeholdersOnly, RuleContext ctx) {
    String value = arg.value();
    // most words hold no variable at all
    if (value.indexOf('$') < 0) {
      return;
    }
    boolean template = Envsubst.isTemplate(d.file());
    boolean envGiven = ctx.environment().declared();
    for (Variables.Reference ref : Variables.references(value)) {
      String name = ref.name();
      // $1..$9: regex captures, always accepted
      if (Character.isDigit(name.charAt(0))) {
        continue;
      }
      boolean placeholder = Envsubst.isPlaceholder(name, ref.braced());
      // a template's ${name} may be envsubst's to fill in: only a given environment says it is not
      if (template && placeholder && !envGiven) {
        continue;
      }
      // (with an environment given, what envsubst leaves in a template is what nginx reads)
      if (placeholdersOnly && !(ref.braced() || template && placeholder)) {
        continue;
      }
      if (Variables.isBuiltin(name, ctx.isStreamContext(d))) {
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (definedNames(ctx).contains(lower) || extra(ctx).contains(lower) || ofThirdPartyFamily(lower, ctx)) {
        continue;
      }
      // nginx names the variable in lower case, as it compares names
      String message = "unknown \"" + lower + "\" variable: no module provides it and nothing in the"
          + " configuration defines it (set, map, geo, split_clients, a named regex capture), so nginx"
          + " refuses to start";
      String written = ref.braced() ? "${" + name + "}" : "$" + name;
      if (template && placeholder) {
        message += "; envsubst leaves " + written + " as it is, since the environment given (--env,"
            + " --env-file) does not define " + name;
      } else if (placeholder) {
        message += "; " + written + " looks like an envsubst placeholder that was not substituted"
            + " (render the template with envsubst first, or name the file *.template to check it as one)";
      }
      ctx.report(this, d.file(), spanOf(d.file(), arg, ref), message, null);
    }
  }

  /** The reference's own bytes when the word is written as its value (bare or simply quoted), else the word. */
  private static Span spanOf(SourceFile file, Arg arg, Variables.Reference ref) {
    int offset = -1;
    String raw = arg.raw();
    String value = arg.value();
    if (raw.equals(value)) {
      offset = arg.start();
    } else if ((arg.quote() == Quote.DOUBLE || arg.quote() == Quote.SINGLE) && raw.length() == value.length() + 2
        && raw.regionMatches(1, value, 0, value.length())) {
      offset = arg.start() + 1;
    }
    if (offset < 0) {
      return arg.span();
    }
    // offsets count bytes: only a pure-ASCII prefix maps one character to one byte
    for (int i = 0; i < ref.end(); i++) {
      if (value.charAt(i) > 0x7f) {
        return arg.span();
      }
    }
    return file.lines().span(offset + ref.start(), offset + ref.end());
  }

  private static final Object EXTRA = new Object();

  /** The option's names (an in-house module's variables), lower case, once per tree. */
  private Set<String> extra(RuleContext ctx) {
    return ctx.shared(EXTRA, () -> {
      Set<String> names = new HashSet<>();
      for (String n : ctx.option(this, "extra-variables", "").split(",")) {
        String t = n.strip();
        if (t.startsWith("$")) {
          t = t.substring(1);
        }
        if (!t.isEmpty()) {
          names.add(t.toLowerCase(Locale.ROOT));
        }
      }
      return names;
    });
  }

  private static final Object FAMILIES = new Object();

  /**
   * True when the name starts with the first word of a directive stock nginx does not have
   * (`naxsi_`, `vhost_`, `pagespeed`...): a module built in statically, with no load_module line
   * to tell, may provide variables named after itself.
   */
  private static boolean ofThirdPartyFamily(String lower, RuleContext ctx) {
    Set<String> families = ctx.shared(FAMILIES, () -> {
      Set<String> words = new HashSet<>();
      dev.nginxlint.directives.DirectiveTable table = dev.nginxlint.directives.DirectiveTable.get();
      for (String n : ctx.directiveNames()) {
        if (n.startsWith("$") || table.isKnown(n)) {
          continue;
        }
        int cut = n.indexOf('_');
        words.add((cut > 0 ? n.substring(0, cut) : n).toLowerCase(Locale.ROOT));
      }
      return words;
    });
    if (families.isEmpty()) {
      return false;
    }
    int cut = lower.indexOf('_');
    return families.contains(cut > 0 ? lower.substring(0, cut) : lower);
  }

  /** Every variable name the config defines (lower case), computed once per tree. */
  private static final Object DEFINED = new Object();

  private static Set<String> definedNames(RuleContext ctx) {
    return ctx.shared(DEFINED, () -> {
      Set<String> names = new HashSet<>();
      for (String directive : ctx.directiveNames()) {
        List<Directive> ds = ctx.directivesNamed(directive);
        if (directive.startsWith("$")) {
          // a geoip2 block's "$var path..." lines
          names.add(directive.substring(1).toLowerCase(Locale.ROOT));
          continue;
        }
        boolean setter = directive.equals("set") || directive.startsWith("set_") || directive.endsWith("_set")
            || directive.equals("js_var") || directive.equals("perl_set");
        boolean target = directive.equals("map") || directive.equals("split_clients") || directive.equals("geo");
        for (Directive d : ds) {
          String v = null;
          if (setter) {
            v = d.arg(0);
          } else if (target) {
            v = directive.equals("geo") && d.argCount() < 2 ? d.arg(0) : d.arg(1);
          }
          if (v != null && v.startsWith("$") && v.length() > 1) {
            String n = v.startsWith("${") && v.endsWith("}") ? v.substring(2, v.length() - 1) : v.substring(1);
            names.add(n.toLowerCase(Locale.ROOT));
          }
        }
      }
      for (Directive d : ctx.directivesNamed(REGEX_HOLDERS)) {
        captures(d.args(), names);
      }
      for (Directive map : ctx.directivesNamed("map")) {
        if (map.hasBlock()) {
          for (Directive entry : map.block()) {
            if (entry.name().startsWith("~")) {
              captures(List.of(entry.statement().nameArg()), names);
            }
          }
        }
      }
      return names;
    });
  }

  private static void captures(List<Arg> args, Set<String> names) {
    for (Arg a : args) {
      String v = a.value();
      if (v.indexOf("(?") < 0) {
        continue;
      }
      Matcher m = NAMED_CAPTURE.matcher(v);
      while (m.find()) {
        names.add((m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT));
      }
    }
  }

  /** "modules/ngx_http_foo_module.so" → "ngx_http_foo_module". */
  private static String moduleName(String path) {
    if (path == null) {
      return "";
    }
    String base = path.substring(path.lastIndexOf('/') + 1);
    return base.endsWith(".so") ? base.substring(0, base.length() - 3) : base;
  }

  private static boolean hasUnreadInclude(RuleContext ctx) {
    for (Directive inc : ctx.directivesNamed("include")) {
      if (inc.hasBlock()) {
        continue;
      }
      List<Directive> level = inc.parent() == null ? ctx.tree().directives() : inc.parent().block();
      int at = level.indexOf(inc);
      boolean brought = at + 1 < level.size() && level.get(at + 1).includedBy() == inc;
      // a glob that matched nothing brings nothing and hides nothing
      if (!brought && !isGlob(inc.arg(0))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGlob(String path) {
    return path != null && (path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0);
  }
}
