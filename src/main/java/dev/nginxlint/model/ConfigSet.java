package dev.nginxlint.model;

import java.util.List;

/**
 * Everything one run reads: the trees to analyse (main configs and stand-alone snippets),
 * every file parsed (each once), the problems met while reading them, and the prefix mappings
 * that placed absolute include paths in the checked files (reports name them).
 */
public record ConfigSet(List<ConfigTree> trees, List<SourceFile> files, List<Diagnostic> diagnostics,
    List<PrefixUse> prefixesUsed) {

  /** Absolute include paths under {@code from} were read from {@code to} (as reports show it). */
  public record PrefixUse(String from, String to) {}

  public ConfigSet {
    trees = List.copyOf(trees);
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
    prefixesUsed = List.copyOf(prefixesUsed);
  }

  public ConfigSet(List<ConfigTree> trees, List<SourceFile> files, List<Diagnostic> diagnostics) {
    this(trees, files, diagnostics, List.of());
  }
}
