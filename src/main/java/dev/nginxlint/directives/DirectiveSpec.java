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
}
