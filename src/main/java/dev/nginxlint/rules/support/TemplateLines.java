package dev.nginxlint.rules.support;

import dev.nginxlint.model.Envsubst;

/**
 * Lines of a template rather than of nginx: a directive "name" that is a placeholder some tool
 * replaces before nginx reads the file (nginx-tests' {@code %%TEST_GLOBALS%%}, envsubst's
 * {@code ${NAME}}, Jinja's and Go templates' {@code {{ ... }}} / {@code {% ... %}}).
 */
public final class TemplateLines {

  private TemplateLines() {}

  /** Whether a directive name is a whole template placeholder. */
  public static boolean isPlaceholderName(String name) {
    return name.length() > 4 && name.startsWith("%%") && name.endsWith("%%")
        || name.startsWith("${") || name.startsWith("{{") || name.startsWith("{%")
        || name.startsWith("$") && name.length() > 1 && Envsubst.isPlaceholder(name.substring(1), false);
  }
}
