package dev.nginxlint.cli;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.DumpFileSource;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.include.ReadLimit;
import dev.nginxlint.model.ConfigSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads what the user named: paths, and `-` for stdin (a file, or `nginx -T` output). */
final class Inputs {
  private Inputs() {}

  static ConfigSet load(Io io, List<String> paths, String stdinName, PrefixMap prefixes) {
    return load(io, paths, stdinName, prefixes, dev.nginxlint.include.Excludes.NONE,
        dev.nginxlint.model.Envsubst.NONE, ReadLimit.DEFAULT);
  }

  /**
   * As above; directory inputs skip what {@code excludes} matches, templates are rendered with
   * {@code env}, and no file or stdin is read past {@code maxFileSize} bytes.
   */
  static ConfigSet load(Io io, List<String> paths, String stdinName, PrefixMap prefixes,
      dev.nginxlint.include.Excludes excludes, dev.nginxlint.model.Envsubst env, long maxFileSize) {
    return load(io, paths, stdinName, prefixes, excludes, env, maxFileSize, Parallelism.fromSystem());
  }

  /** As above; {@code parallelism}: when files are parsed ahead, and big ones lexed, on helper threads. */
  static ConfigSet load(Io io, List<String> paths, String stdinName, PrefixMap prefixes,
      dev.nginxlint.include.Excludes excludes, dev.nginxlint.model.Envsubst env, long maxFileSize,
      Parallelism parallelism) {
    List<String> files = new ArrayList<>();
    boolean stdin = false;
    for (String p : paths) {
      if (p.equals("-")) {
        stdin = true;
      } else {
        files.add(p);
      }
    }
    try {
      List<ConfigSet> sets = new ArrayList<>();
      if (!files.isEmpty()) {
        sets.add(new ConfigLoader(new NioFileSource(io.fs(), io.cwd(), maxFileSize), prefixes).exclude(excludes).environment(env)
            .parallelism(parallelism).load(files));
      }
      if (stdin) {
        byte[] bytes = ReadLimit.readAll(io.in(), maxFileSize);
        DumpFileSource src = DumpFileSource.isDump(bytes)
            ? DumpFileSource.split(bytes)
            : DumpFileSource.single(stdinName == null ? "stdin" : stdinName, bytes);
        sets.add(new ConfigLoader(src, prefixes).environment(env).parallelism(parallelism).loadFirst(src.names()));
      }
      return merge(sets);
    } catch (ConfigLoader.InputException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read standard input: " + e.getMessage());
    }
  }

  private static ConfigSet merge(List<ConfigSet> sets) {
    if (sets.isEmpty()) {
      return new ConfigSet(List.of(), List.of(), List.of());
    }
    if (sets.size() == 1) {
      return sets.get(0);
    }
    List<dev.nginxlint.model.ConfigTree> trees = new ArrayList<>();
    List<dev.nginxlint.model.SourceFile> files = new ArrayList<>();
    List<dev.nginxlint.model.Diagnostic> diags = new ArrayList<>();
    java.util.Set<ConfigSet.PrefixUse> prefixes = new java.util.LinkedHashSet<>();
    for (ConfigSet s : sets) {
      trees.addAll(s.trees());
      files.addAll(s.files());
      diags.addAll(s.diagnostics());
      prefixes.addAll(s.prefixesUsed());
    }
    return new ConfigSet(trees, files, diags, new ArrayList<>(prefixes));
  }
}
