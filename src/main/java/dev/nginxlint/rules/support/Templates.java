package dev.nginxlint.rules.support;

import dev.nginxlint.model.SourceFile;

/**
 * Files that envsubst renders before nginx reads them: the official Docker image runs it over
 * /etc/nginx/templates/*.template and writes the results to /etc/nginx/conf.d/. In such a file
 * ${NAME} and $UPPER_CASE are the deployer's placeholders, not nginx variables.
 */
public final class Templates {

  private Templates() {}

  public static boolean isTemplate(SourceFile file) {
    String name = file.displayName();
    return name != null && name.endsWith(".template");
  }
}
