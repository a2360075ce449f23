package dev.nginxlint.rules.support;

import dev.nginxlint.lint.RuleContext;
import dev.nginxlint.model.Directive;
import java.util.List;

/**
 * Whether a configuration proxies at all. The worker limits (connections, file descriptors)
 * only run out early because every proxied request holds a second connection; a configuration
 * that only serves files or redirects needs one per client.
 */
public final class Proxying {

  private Proxying() {
  }

  /** True when anything in the tree proxies: an http *_pass, or a stream proxy_pass. */
  public static boolean anyPass(RuleContext ctx) {
    for (String name : PassTarget.PASSES) {
      for (Directive d : ctx.directivesNamed(name)) {
        if (ctx.isHttpContext(d) || name.equals("proxy_pass") && ctx.isStreamContext(d)) {
          return true;
        }
      }
    }
    return false;
  }
}
