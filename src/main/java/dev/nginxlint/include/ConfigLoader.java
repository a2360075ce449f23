package dev.nginxlint.include;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.Envsubst;
import dev.nginxlint.model.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the paths a user gives into analysed trees, resolving `include` as nginx does:
 * relative paths against the main config's directory, globs sorted bytewise with dot-files
 * skipped, no match is fine, a missing literal file is a finding, cycles are found (nginx
 * itself crashes on them). Each file is parsed once, however often it is included.
 *
 * <p>This class decides which trees there are (main configs, snippets, a snippet inside the
 * nginx.conf above it); the jobs are done by {@link InputScan} (what a directory holds),
 * {@link IncludeResolver} (what an include reads), {@link FileParser} (reading and parsing,
 * ahead on helper threads) and {@link TreeAssembler} (one tree), all sharing one
 * {@link LoadSession}. A loader serves one load.
 */
public final class ConfigLoader {

  /** The user's input cannot be read at all (exit code 2). */
  public static final class InputException extends Exception {
    public InputException(String message) {
      super(message);
    }
  }

  private final FileSource src;
  private final PrefixMap prefixes;
  private Excludes excludes = Excludes.NONE;
  /** How template files are rendered for the rules (--env / --env-file); none by default. */
  private Envsubst envsubst = Envsubst.NONE;
  private Parallelism parallelism = Parallelism.SEQUENTIAL;
  /** Directories the user named: an absolute include under one of them is part of the check. */
  private final List<Path> checkedDirs = new ArrayList<>();
  private LoadSession session = new LoadSession();
  private FileParser files;
  private InputScan scan;
  private TreeAssembler trees;

  public ConfigLoader(FileSource src, PrefixMap prefixes) {
    this.src = src;
    this.prefixes = prefixes;
  }

  /** Files and directories that directory inputs skip (named files are the caller's business). */
  public ConfigLoader exclude(Excludes e) {
    this.excludes = e == null ? Excludes.NONE : e;
    return this;
  }

  public ConfigLoader environment(Envsubst e) {
    this.envsubst = e == null ? Envsubst.NONE : e;
    return this;
  }

  /** When files are parsed ahead on helper threads, and big ones lexed on one (the CLI's choice). */
  public ConfigLoader parallelism(Parallelism p) {
    this.parallelism = p;
    return this;
  }

  private void start() {
    files = new FileParser(src, envsubst, parallelism);
    scan = new InputScan(src, excludes);
    trees = new TreeAssembler(src, files, new IncludeResolver(src, prefixes, files, checkedDirs));
  }

  /** Loads files and directories; a directory's nginx.conf is its entry, the rest snippets. */
  public ConfigSet load(List<String> inputs) throws InputException {
    start();
    try {
      return loadInputs(inputs);
    } finally {
      files.stop();
    }
  }

  /** Loads an `nginx -T` dump or a single stdin file: the first file is the entry. */
  public ConfigSet loadFirst(List<String> names) throws InputException {
    start();
    try {
      return loadFirstOf(names);
    } finally {
      files.stop();
    }
  }

  /**
   * Loads one file as the entry of a tree whose top level stands in {@code context} (a snippet
   * checked where it would be included), relative includes resolved against {@code confDir}
   * (null: the file's own directory).
   */
  public ConfigSet loadAs(String input, Context context, String confDir) throws InputException {
    Path p = src.path(input);
    if (!src.exists(p)) {
      throw new InputException(input + ": No such file or directory");
    }
    start();
    try {
      ConfigTree tree = trees.build(session, p, context, confDir == null ? p.getParent() : src.path(confDir));
      return session.result(List.of(tree));
    } finally {
      files.stop();
    }
  }

  /**
   * The files a directory walk takes (as check and fix walk {@code dir}): names that look like
   * nginx configuration, dot-files and {@code exclude:} matches skipped, in byte order per directory.
   * For commands that work file by file (format).
   */
  public List<Path> walk(String dir) throws InputException {
    return new InputScan(src, excludes).configFiles(src.path(dir));
  }

  private ConfigSet loadInputs(List<String> inputs) throws InputException {
    List<Path> named = new ArrayList<>();
    for (String input : inputs) {
      Path p = src.path(input);
      if (src.exists(p) && !src.isDirectory(p)) {
        named.add(p);
      }
    }
    files.prefetch(session, named);
    List<Path> mains = new ArrayList<>();
    List<Path> givenSnippets = new ArrayList<>();
    List<Path> dirCandidates = new ArrayList<>();
    Map<Path, Path> confDirOf = new LinkedHashMap<>();
    for (String input : inputs) {
      Path p = src.path(input);
      if (!src.exists(p)) {
        throw new InputException(input + ": No such file or directory");
      }
      if (src.isDirectory(p)) {
        checkedDirs.add(p);
        Path main = scan.findMain(p);
        // a file named nginx.conf whose top level is server/upstream/location (Docker images copy
        // such a file to conf.d/default.conf) is a snippet, inferred as any other
        if (main != null && ContextInference.infer(files.entry(session, main).statements()) != Context.MAIN) {
          main = null;
        }
        List<Path> found = scan.configFiles(p);
        if (main == null && found.isEmpty()) {
          throw new InputException(input + ": no nginx configuration file found (nginx.conf, *.conf, sites-*/ files,"
              + " *.conf.template)");
        }
        files.prefetch(session, found);
        if (main != null) {
          mains.add(main);
          for (Path f : found) {
            confDirOf.put(f, main.getParent());
          }
        }
        dirCandidates.addAll(found);
      } else if (ContextInference.infer(files.entry(session, p).statements()) == Context.MAIN) {
        mains.add(p);
      } else {
        givenSnippets.add(p);
      }
    }
    List<ConfigTree> out = new ArrayList<>();
    Set<Path> entries = new HashSet<>();
    for (Path main : mains) {
      if (entries.add(src.identity(main))) {
        out.add(trees.build(session, main, Context.MAIN, main.getParent()));
      }
    }
    List<Path> rest = new ArrayList<>(givenSnippets);
    rest.addAll(dirCandidates);
    Set<Path> namedIds = new HashSet<>();
    for (Path p : rest) {
      namedIds.add(src.identity(p));
    }
    for (Path p : rest) {
      Path id = src.identity(p);
      // a file some tree already reads is analysed there, in its real context
      if (session.reached(id) || entries.contains(id)) {
        continue;
      }
      ConfigTree enclosing = enclosingTree(p, id, namedIds, entries);
      if (enclosing != null) {
        out.add(enclosing);
        continue;
      }
      entries.add(id);
      SourceFile f = files.entry(session, p);
      Context ctx = ContextInference.infer(f.statements());
      Path confDir = ctx == Context.MAIN ? p.getParent() : confDirOf.getOrDefault(p, scan.snippetConfDir(p));
      // a snippet with no nginx.conf next to or above it: where nginx resolves its includes is a guess
      boolean rootKnown = ctx == Context.MAIN || confDirOf.containsKey(p) || scan.holdsMain(confDir);
      out.add(trees.build(session, p, ctx, confDir, rootKnown, true));
    }
    return session.result(out);
  }

  /**
   * A snippet named without its main config (pre-commit passes only the changed file) is checked
   * inside the nginx.conf that includes it, when there is one next to or above it: what {@code
   * http {}} sets around it then counts, as in nginx, and findings are reported only in the
   * named files and what they include. Null when there is no such nginx.conf, it does not reach
   * the snippet, it is broken (a syntax error there would stop all analysis), or the user named
   * it too (then it did not reach the snippet); the attempt works on a copy of the session,
   * kept only when the tree is, so nothing read for a dropped attempt remains.
   */
  private ConfigTree enclosingTree(Path snippet, Path snippetId, Set<Path> named, Set<Path> entries) {
    Path main = scan.snippetConfDir(snippet).resolve("nginx.conf");
    if (!src.exists(main) || src.isDirectory(main)) {
      return null;
    }
    Path mainId = src.identity(main);
    // the user named it (so it was checked and did not reach the snippet), or it is a named file
    if (mainId.equals(snippetId) || entries.contains(mainId) || named.contains(mainId) || session.reached(mainId)) {
      return null;
    }
    LoadSession attempt = session.copy();
    ConfigTree tree;
    try {
      if (ContextInference.infer(files.entry(attempt, main).statements()) != Context.MAIN) {
        return null;
      }
      tree = trees.build(attempt, main, Context.MAIN, main.getParent());
    } catch (InputException e) {
      return null; // unreadable: the snippet is checked on its own
    }
    if (!attempt.reached(snippetId)) {
      return null;
    }
    Set<SourceFile> reported = reportedFiles(tree, named);
    for (SourceFile f : tree.files()) {
      if (f.hasErrors() && !reported.contains(f)) {
        return null; // a broken file around the snippet would stop the analysis of all of it
      }
    }
    tree.reportOnlyIn(reported);
    entries.add(mainId);
    session = attempt;
    return tree;
  }

  /** The named files in {@code tree}, and the files included from them, however deep. */
  private Set<SourceFile> reportedFiles(ConfigTree tree, Set<Path> named) {
    Set<SourceFile> out = new HashSet<>();
    for (SourceFile f : tree.files()) {
      if (named.contains(src.identity(f.path()))) {
        out.add(f);
      }
    }
    tree.walk(d -> {
      for (Directive x = d.includedBy(); x != null; x = x.includedBy()) {
        if (out.contains(x.file())) {
          out.add(d.file());
          return;
        }
      }
    });
    return out;
  }

  private ConfigSet loadFirstOf(List<String> names) throws InputException {
    if (names.isEmpty()) {
      throw new InputException("no configuration file in the input");
    }
    Path main = src.path(names.get(0));
    SourceFile f = files.entry(session, main);
    List<ConfigTree> out = new ArrayList<>();
    out.add(trees.build(session, main, ContextInference.infer(f.statements()), main.getParent(), true, true));
    // dumped files no tree reached (e.g. an include nginx skipped) are still checked
    for (String name : names.subList(1, names.size())) {
      Path p = src.path(name);
      if (!session.reached(src.identity(p))) {
        SourceFile g = files.entry(session, p);
        out.add(trees.build(session, p, ContextInference.infer(g.statements()), main.getParent(), true, true));
      }
    }
    return session.result(out);
  }
}
