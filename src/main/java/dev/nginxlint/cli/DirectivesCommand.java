package dev.nginxlint.cli;

import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "directives", mixinStandardHelpOptions = true,
    description = "Print what stock nginx declares for a directive: module, contexts, arguments, block, versions, docs.")
final class DirectivesCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Directive name, e.g. proxy_pass.")
  String name;

  private final Io io;

  DirectivesCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<DirectiveSpec> rows = DirectiveTable.get().lookup(name);
    if (rows.isEmpty()) {
      throw new UserError("stock nginx has no directive \"" + name + "\"");
    }
    for (DirectiveSpec s : rows) {
      var out = io.out();
      out.println(s.name() + " (" + s.module() + ", " + s.family() + ")");
      out.println("  contexts:  " + String.join(", ", new TreeSet<>(s.contexts())));
      out.println("  arguments: " + s.argsMask() + " (" + s.minArgs() + ".."
          + (s.maxArgs() < 0 ? "any" : String.valueOf(s.maxArgs())) + ")");
      out.println("  block:     " + (s.block() ? "yes" + (s.opens().isEmpty() ? "" : ", opens " + s.opens()) : "no"));
      out.println("  since:     " + s.since() + (s.removed() ? ", removed in " + s.removedIn() : ""));
      out.println("  build:     " + s.build());
      out.println("  docs:      " + docLink(s));
      out.println();
    }
    io.out().flush();
    return ExitCodes.CLEAN;
  }

  /** nginx.org page of the module: https://nginx.org/en/docs/<family dir>/<module>.html#<name>. */
  static String docLink(DirectiveSpec s) {
    String module = s.module();
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
    if (s.family().equals("events") || module.equals("ngx_event_core_module")) {
      module = "ngx_core_module"; // events directives are documented on the core page
      dir = "";
    }
    if (module.equals("ngx_conf_module") || module.equals("ngx_errlog_module") || module.equals("ngx_openssl_module")
        || module.equals("ngx_google_perftools_module") || module.equals("ngx_regex_module")
        || module.equals("ngx_thread_pool_module")) {
      module = "ngx_core_module";
    }
    return "https://nginx.org/en/docs/" + dir + module + ".html#" + s.name();
  }
}
