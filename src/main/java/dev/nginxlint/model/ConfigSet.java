package dev.nginxlint.model;

import java.util.List;

/**
 * Everything one run reads: the trees to analyse (main configs and stand-alone snippets),
 * every file parsed (each once), and the problems met while reading them.
 */
public record ConfigSet(List<ConfigTree> trees, List<SourceFile> files, List<Diagnostic> diagnostics) {

  public ConfigSet {
    trees = List.copyOf(trees);
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
  }
}
