package dev.nginxlint.lint;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which optional modules the target nginx has: the configure switches it was built with, and
 * which of them are dynamic modules (loaded only by a {@code load_module} line).
 *
 * <p>The default is a distribution package build: the modules that Debian/Ubuntu's nginx,
 * nginx.org's packages (and the official Docker image built from them), Alpine's and RHEL's
 * packages all build. Nearly every nginx that runs a production config comes from one of them,
 * so a note that such a module "is not built by default" would be noise.
 */
public final class NginxBuild {

  /**
   * The configure switches all of those packages share (checked against Debian 12's nginx -V,
   * nginx.org's package configure arguments and Alpine's/RHEL's build scripts). Not here:
   * http_v3 (nginx.org and newer Debian only), image_filter, xslt, perl, geoip, mail (dynamic
   * or absent in some), degradation, google_perftools.
   */
  static final Set<String> PACKAGE = Set.of(
      "--with-http_ssl_module", "--with-http_v2_module", "--with-http_realip_module",
      "--with-http_stub_status_module", "--with-http_auth_request_module", "--with-http_sub_module",
      "--with-http_gzip_static_module", "--with-http_gunzip_module", "--with-http_addition_module",
      "--with-http_dav_module", "--with-http_flv_module", "--with-http_mp4_module",
      "--with-http_random_index_module", "--with-http_secure_link_module", "--with-http_slice_module",
      "--with-threads", "--with-stream", "--with-stream_ssl_module", "--with-stream_realip_module",
      "--with-stream_ssl_preread_module", "--with-pcre", "--with-mail", "--with-mail_ssl_module");

  /** A distribution package build (the default). */
  public static final NginxBuild PACKAGE_BUILD = new NginxBuild("package", PACKAGE, Set.of());
  /** A bare ./configure: none of the optional modules. */
  public static final NginxBuild MINIMAL = new NginxBuild("minimal", Set.of(), Set.of());

  private final String label;
  private final Set<String> switches;
  private final Set<String> dynamic;

  NginxBuild(String label, Set<String> switches, Set<String> dynamic) {
    this.label = label;
    this.switches = Collections.unmodifiableSet(switches);
    this.dynamic = Collections.unmodifiableSet(dynamic);
  }

  /** "package", "minimal", "auto" or "list": how the build was given. */
  public String label() { return label; }

  /** True when the build has this switch (statically or as a dynamic module). */
  public boolean has(String sw) { return switches.contains(sw); }

  /** True when this switch was given as {@code =dynamic}: its directives need a load_module. */
  public boolean dynamic(String sw) { return dynamic.contains(sw); }

  /**
   * A list of switches as nginx -V prints them ({@code --with-stream=dynamic}); the leading
   * {@code --} and {@code with-} may be left out ({@code stream}, {@code http_ssl_module}).
   */
  public static NginxBuild ofList(String label, List<String> items) {
    Set<String> on = new LinkedHashSet<>();
    Set<String> dyn = new LinkedHashSet<>();
    for (String raw : items) {
      String s = raw.trim();
      if (s.isEmpty()) {
        continue;
      }
      boolean isDynamic = s.endsWith("=dynamic");
      if (isDynamic) {
        s = s.substring(0, s.length() - "=dynamic".length());
      }
      int eq = s.indexOf('=');
      if (eq >= 0) {
        // --with-pcre=DIR and friends: built in, the value is a path
        s = s.substring(0, eq);
      }
      s = s.toLowerCase(Locale.ROOT);
      if (!s.matches("(--)?(with-)?[a-z0-9_]+")) {
        throw new IllegalArgumentException("\"" + raw.trim() + "\" is not a configure switch (package, minimal, auto,"
            + " or switches as nginx -V prints them, e.g. --with-stream=dynamic,--with-http_v2_module)");
      }
      if (s.startsWith("--")) {
        s = s.substring(2);
      }
      if (!s.startsWith("with-")) {
        s = "with-" + s;
      }
      s = "--" + s;
      on.add(s);
      if (isDynamic) {
        dyn.add(s);
      }
    }
    return new NginxBuild(label, on, dyn);
  }

  /** The build named by a word (package, minimal) or a comma-separated switch list. */
  public static NginxBuild parse(String value) {
    String v = value.trim();
    return switch (v) {
      case "package", "" -> PACKAGE_BUILD;
      case "minimal" -> MINIMAL;
      default -> ofList("list", List.of(v.split("[,\\s]+")));
    };
  }

  /** The build {@code nginx -V} describes: its "configure arguments:" line. */
  public static NginxBuild fromNginxV(String output) {
    for (String line : output.split("\n")) {
      int at = line.indexOf("configure arguments:");
      if (at >= 0) {
        List<String> items = new java.util.ArrayList<>();
        for (String w : line.substring(at + "configure arguments:".length()).trim().split("\\s+")) {
          // --with-cc-opt='-g -O2 ...' and friends are compiler flags, not modules
          if (w.matches("--with-[a-z0-9_]+(=.*)?")) {
            items.add(w);
          }
        }
        return ofList("auto", items);
      }
    }
    throw new IllegalArgumentException("no \"configure arguments:\" line in `nginx -V`'s output");
  }

  /**
   * The shared object a dynamic switch builds ({@code --with-stream} → ngx_stream_module.so,
   * {@code --with-http_geoip_module} → ngx_http_geoip_module.so).
   */
  public static String moduleFile(String sw) {
    String name = sw.substring("--with-".length());
    return "ngx_" + (name.endsWith("_module") ? name : name + "_module") + ".so";
  }
}
