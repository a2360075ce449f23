package dev.nginxlint.directives;

import java.util.Set;

/**
 * One row of nginx's directive table: a (module, directive) pair with the contexts it may
 * stand in, its argument counts and whether it opens a block. Values are as nginx's source
 * declares them (see nginx-directives.md in the shared docs).
 */
public record DirectiveSpec(
    String name,
    String family,
    String module,
    Set<String> contexts,
    String argsMask,
    int minArgs,
    int maxArgs,
    boolean block,
    String opens,
    String duplicate,
    boolean removed,
    String since,
    String removedIn,
    String build,
    /** `version:contexts/args[/BLOCK]` per change of shape, `;`-separated ("" when none). */
    String history,
    /** "obsolete: ...; use X" or "" (the table's deprecated column). */
    String deprecated,
    /** nginx's handler function for the directive (e.g. ngx_conf_set_flag_slot), or "". */
    String handler) {

  public boolean allowedIn(String context) {
    return contexts.contains(context) || contexts.contains("any");
  }

  public boolean isFlag() {
    return "FLAG".equals(argsMask);
  }

  /** True when a repeat of this directive in one block is an error in nginx. */
  public boolean duplicateIsError() {
    return "error".equals(duplicate);
  }

  /** nginx.org page of the module: https://nginx.org/en/docs/<family dir>/<module>.html#<name>. */
  public String docsUrl() {
    String module = module();
    // filter modules are documented under the module name without "_filter"
    if (!module.equals("ngx_http_image_filter_module")) {
      module = module.replace("_filter_module", "_module");
    }
    // the balancer/keepalive/zone modules are documented on the upstream module's page
    if (module.matches("ngx_(http|stream)_upstream_.+_module")) {
      module = module.replaceFirst("_upstream_.+_module$", "_upstream_module");
    }
    String dir;
    if (module.startsWith("ngx_http_")) {
      dir = "http/";
    } else if (module.startsWith("ngx_stream_")) {
      dir = "stream/";
    } else if (module.startsWith("ngx_mail_")) {
      dir = "mail/";
    } else {
      dir = "";
    }
    if (family.equals("events") || module.equals("ngx_event_core_module")) {
      module = "ngx_core_module"; // events directives are documented on the core page
      dir = "";
    }
    if (module.equals("ngx_conf_module") || module.equals("ngx_errlog_module") || module.equals("ngx_openssl_module")
        || module.equals("ngx_google_perftools_module") || module.equals("ngx_regex_module")
        || module.equals("ngx_thread_pool_module")) {
      module = "ngx_core_module";
    }
    return "https://nginx.org/en/docs/" + dir + module + ".html#" + name;
  }
}

