package dev.nginxlint.include;

import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.parse.ConfigParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the paths a user gives into analysed trees, resolving `include` as nginx does:
 * relative paths against the main config's directory, globs sorted bytewise with dot-files
 * skipped, no match is fine, a missing literal file is a finding, cycles are found (nginx
 * itself crashes on them). Each file is parsed once, however often it is included.
 */
public final class ConfigLoader {

  /** The user's input cannot be read at all (exit code 2). */
  public static final class InputException extends Exception {
    public InputException(String message) {
      super(message);
    }
  }

  /** Stops a runaway include fan-out (a.conf including b.conf twice, b.conf c.conf twice, ...). */
  private static final int MAX_PLACED = 20_000_000;
  /** Deeper include chains than this are surely a mistake (nginx has no limit but the stack). */
  private static final int MAX_INCLUDE_DEPTH = 200;
  /** Debian's conf prefix: absolute includes under it fall back to the checkout's conf dir. */
  private static final String DEFAULT_CONF_PREFIX = "/etc/nginx";

  private final FileSource src;
  private final PrefixMap prefixes;
  private final Map<Path, SourceFile> parsed = new LinkedHashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Set<Path> reached = new HashSet<>();
  private final Set<String> reportedIncludeProblems = new HashSet<>();
  /** Includes of stock files the tree lacks, read from the bundled copies: path → stock name. */
  private final Map<Path, String> stock = new java.util.concurrent.ConcurrentHashMap<>();
  private Excludes excludes = Excludes.NONE;
  /** The prefix mappings that placed an absolute include path, from → to as reports show it. */
  private final Map<String, String> prefixesUsed = new LinkedHashMap<>();
  /** Directories the user named: an absolute include under one of them is part of the check. */
  private final List<Path> checkedDirs = new ArrayList<>();
  /** Include targets reported as not checked: each is reported once, at its first include. */
  private final Set<String> notCheckedTargets = new HashSet<>();
  /** Files being parsed ahead on the pool, by identity (see {@link #prefetch}). */
  private final Map<Path, Pending> pending = new java.util.HashMap<>();
  private java.util.concurrent.ExecutorService pool;

  /** A parse started ahead of need: for this path exactly (a symlink's twin is parsed anew). */
  private record Pending(Path path, java.util.concurrent.FutureTask<SourceFile> task) {}

  /** Parses ahead on at most this many threads (and only when at least two files are known). */
  private static final int POOL_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  public ConfigLoader(FileSource src, PrefixMap prefixes) {
    this.src = src;
    this.prefixes = prefixes;
  }

  /** Files and directories that directory inputs skip (named files are the caller's business). */
  public ConfigLoader exclude(Excludes e) {
    this.excludes = e == null ? Excludes.NONE : e;
    return this;
  }

  /** How template files are rendered for the rules (--env / --env-file); none by default. */
  private dev.nginxlint.model.Envsubst envsubst = dev.nginxlint.model.Envsubst.NONE;

  public ConfigLoader environment(dev.nginxlint.model.Envsubst e) {
    this.envsubst = e == null ? dev.nginxlint.model.Envsubst.NONE : e;
    return this;
  }

  /** Loads files and directories; a directory's nginx.conf is its entry, the rest snippets. */
  public ConfigSet load(List<String> inputs) throws InputException {
    try {
      return loadInputs(inputs);
    } finally {
      stopPool();
    }
  }

  private ConfigSet loadInputs(List<String> inputs) throws InputException {
    List<Path> named = new ArrayList<>();
    for (String input : inputs) {
      Path p = src.path(input);
      if (src.exists(p) && !src.isDirectory(p)) {
        named.add(p);
      }
    }
    prefetch(named);
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
        Path main = findMain(p);
        // a file named nginx.conf whose top level is server/upstream/location (Docker images copy
        // such a file to conf.d/default.conf) is a snippet, inferred as any other
        if (main != null && ContextInference.infer(parseEntry(main).statements()) != Context.MAIN) {
          main = null;
        }
        List<Path> files = configFiles(p);
        if (main == null && files.isEmpty()) {
          throw new InputException(input + ": no nginx configuration file found (nginx.conf, *.conf, sites-*/ files,"
              + " *.conf.template)");
        }
        prefetch(files);
        if (main != null) {
          mains.add(main);
          for (Path f : files) {
            confDirOf.put(f, main.getParent());
          }
        }
        dirCandidates.addAll(files);
      } else {
        SourceFile f = parseEntry(p);
        if (ContextInference.infer(f.statements()) == Context.MAIN) {
          mains.add(p);
        } else {
          givenSnippets.add(p);
        }
      }
    }
    List<ConfigTree> trees = new ArrayList<>();
    Set<Path> entries = new HashSet<>();
    for (Path main : mains) {
      if (entries.add(src.identity(main))) {
        trees.add(buildTree(main, Context.MAIN, main.getParent()));
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
      if (reached.contains(id) || entries.contains(id)) {
        continue;
      }
      ConfigTree enclosing = enclosingTree(p, id, namedIds, entries);
      if (enclosing != null) {
        trees.add(enclosing);
        continue;
      }
      entries.add(id);
      SourceFile f = parseEntry(p);
      Context ctx = ContextInference.infer(f.statements());
      Path confDir = ctx == Context.MAIN ? p.getParent() : confDirOf.getOrDefault(p, snippetConfDir(p));
      // a snippet with no nginx.conf next to or above it: where nginx resolves its includes is a guess
      boolean rootKnown = ctx == Context.MAIN || confDirOf.containsKey(p) || holdsMain(confDir);
      trees.add(buildTree(p, ctx, confDir, rootKnown, true));
    }
    return new ConfigSet(trees, new ArrayList<>(parsed.values()), diagnostics, prefixUses());
  }

  /**
   * A snippet named without its main config (pre-commit passes only the changed file) is checked
   * inside the nginx.conf that includes it, when there is one next to or above it: what {@code
   * http {}} sets around it then counts, as in nginx, and findings are reported only in the
   * named files and what they include. Null when there is no such nginx.conf, it does not reach
   * the snippet, it is broken (a syntax error there would stop all analysis), or the user named
   * it too (then it did not reach the snippet); nothing read for the attempt is kept then.
   */
  private ConfigTree enclosingTree(Path snippet, Path snippetId, Set<Path> named, Set<Path> entries)
      throws InputException {
    Path main = snippetConfDir(snippet).resolve("nginx.conf");
    if (!src.exists(main) || src.isDirectory(main)) {
      return null;
    }
    Path mainId = src.identity(main);
    // the user named it (so it was checked and did not reach the snippet), or it is a named file
    if (mainId.equals(snippetId) || entries.contains(mainId) || named.contains(mainId) || reached.contains(mainId)) {
      return null;
    }
    Set<Path> reachedBefore = new HashSet<>(reached);
    Set<Path> parsedBefore = new HashSet<>(parsed.keySet());
    int diagnosticsBefore = diagnostics.size();
    Set<String> notCheckedBefore = new HashSet<>(notCheckedTargets);
    Set<String> prefixesBefore = new HashSet<>(prefixesUsed.keySet());
    ConfigTree tree = null;
    try {
      if (ContextInference.infer(parseEntry(main).statements()) == Context.MAIN) {
        tree = buildTree(main, Context.MAIN, main.getParent());
      }
    } catch (InputException e) {
      tree = null; // unreadable: the snippet is checked on its own
    }
    if (tree != null && reached.contains(snippetId)) {
      Set<SourceFile> reported = reportedFiles(tree, named);
      boolean contextBroken = false;
      for (SourceFile f : tree.files()) {
        contextBroken |= f.hasErrors() && !reported.contains(f);
      }
      if (!contextBroken) {
        tree.reportOnlyIn(reported);
        entries.add(mainId);
        return tree;
      }
    }
    reached.retainAll(reachedBefore);
    parsed.keySet().retainAll(parsedBefore);
    diagnostics.subList(diagnosticsBefore, diagnostics.size()).clear();
    notCheckedTargets.retainAll(notCheckedBefore);
    prefixesUsed.keySet().retainAll(prefixesBefore);
    return null;
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

  /** Loads an `nginx -T` dump or a single stdin file: the first file is the entry. */
  public ConfigSet loadFirst(List<String> names) throws InputException {
    try {
      return loadFirstOf(names);
    } finally {
      stopPool();
    }
  }

  private ConfigSet loadFirstOf(List<String> names) throws InputException {
    if (names.isEmpty()) {
      throw new InputException("no configuration file in the input");
    }
    Path main = src.path(names.get(0));
    SourceFile f = parseEntry(main);
    Context ctx = ContextInference.infer(f.statements());
    List<ConfigTree> trees = new ArrayList<>();
    trees.add(buildTree(main, ctx, main.getParent(), true, true));
    // dumped files no tree reached (e.g. an include nginx skipped) are still checked
    for (String name : names.subList(1, names.size())) {
      Path p = src.path(name);
      if (!reached.contains(src.identity(p))) {
        SourceFile g = parseEntry(p);
        trees.add(buildTree(p, ContextInference.infer(g.statements()), main.getParent(), true, true));
      }
    }
    return new ConfigSet(trees, new ArrayList<>(parsed.values()), diagnostics, prefixUses());
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
    try {
      ConfigTree tree = buildTree(p, context, confDir == null ? p.getParent() : src.path(confDir));
      return new ConfigSet(List.of(tree), new ArrayList<>(parsed.values()), diagnostics, prefixUses());
    } finally {
      stopPool();
    }
  }

  // ---- entries and directories ----

  private SourceFile parseEntry(Path p) throws InputException {
    // checked before opening: a FIFO would wait for a writer, a device has no end (or no text)
    if (src.exists(p) && !src.isDirectory(p) && !src.isRegularFile(p)) {
      throw new InputException(src.displayName(p) + ": not read: " + NioFileSource.describe(p)
          + ", not a configuration file");
    }
    try {
      return parse(p);
    } catch (NioFileSource.NotRegularFileException e) {
      throw new InputException(e.message(src.displayName(p)));
    } catch (IOException e) {
      throw new InputException(src.displayName(p) + ": cannot read: " + reason(e));
    }
  }

  /**
   * Where a snippet checked alone resolves its relative includes: nginx resolves them against
   * the main config's directory, so the nearest enclosing directory that holds an nginx.conf
   * (conf.d/x.conf next to ../nginx.conf), else the snippet's own directory.
   */
  private Path snippetConfDir(Path snippet) {
    Path dir = snippet.getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path main = d.resolve("nginx.conf");
      if (src.exists(main) && !src.isDirectory(main)) {
        return d;
      }
    }
    return dir;
  }

  private boolean holdsMain(Path dir) {
    Path main = dir == null ? null : dir.resolve("nginx.conf");
    return main != null && src.exists(main) && !src.isDirectory(main);
  }

  /** nginx.conf in the directory itself, else the shallowest one below it. */
  private Path findMain(Path dir) throws InputException {
    Deque<Path> queue = new ArrayDeque<>();
    queue.add(dir);
    while (!queue.isEmpty()) {
      Path d = queue.poll();
      List<String> names = listSorted(d);
      if (names.contains("nginx.conf") && !src.isDirectory(d.resolve("nginx.conf"))
          && !excludes.matches(d.resolve("nginx.conf"))) {
        return d.resolve("nginx.conf");
      }
      for (String n : names) {
        Path c = d.resolve(n);
        if (!n.startsWith(".") && src.isDirectory(c) && !excludes.matches(c)) {
          queue.add(c);
        }
      }
    }
    return null;
  }

  /**
   * The files a directory walk takes (as check and fix walk {@code dir}): names that look like
   * nginx configuration, dot-files and {@code exclude:} matches skipped, in byte order per directory.
   * For commands that work file by file (format).
   */
  public List<Path> walk(String dir) throws InputException {
    return configFiles(src.path(dir));
  }

  /** The files under a directory that look like nginx configuration. */
  private List<Path> configFiles(Path dir) throws InputException {
    List<Path> out = new ArrayList<>();
    Deque<Path> queue = new ArrayDeque<>();
    queue.add(dir);
    while (!queue.isEmpty()) {
      Path d = queue.poll();
      for (String n : listSorted(d)) {
        if (n.startsWith(".")) {
          continue;
        }
        Path c = d.resolve(n);
        if (excludes.matches(c)) {
          continue;
        }
        if (src.isDirectory(c)) {
          queue.add(c);
        } else if (linksIntoServerConf(c, dir)) {
          // sites-enabled/x -> /etc/nginx/sites-available/x in a checkout: the walk reads the
          // checkout's copy where it stands; following the link would read this machine's file
          continue;
        } else if ((looksLikeConfig(c) || extensionless(c) && startsLikeASite(c)) && src.isRegularFile(c)) {
          // a FIFO or device in the tree is not read by a walk; an include that names it is reported
          out.add(c);
        }
      }
    }
    return out;
  }

  private static final Set<String> CONFIG_DIRS = Set.of(
      "conf.d", "sites-available", "sites-enabled", "snippets", "vhosts.d", "vhosts",
      "streams-available", "streams-enabled", "servers", "http.d", "stream.d", "includes");

  private static boolean looksLikeConfig(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith("~") || name.endsWith(".bak") || name.endsWith(".orig") || name.endsWith(".swp")
        || name.contains(".dpkg-") || name.endsWith(".rpmnew") || name.endsWith(".rpmsave")) {
      return false;
    }
    if (name.endsWith(".conf") || name.endsWith(".nginx") || name.equals("nginx.conf")) {
      return true;
    }
    // the official Docker image renders /etc/nginx/templates/*.template into conf.d at start-up
    if (name.endsWith(".conf.template") || name.endsWith(".template") && p.getParent() != null
        && p.getParent().getFileName() != null && p.getParent().getFileName().toString().equals("templates")) {
      return true;
    }
    Path parent = p.getParent();
    if (parent != null && parent.getFileName() != null
        && CONFIG_DIRS.contains(parent.getFileName().toString())) {
      return !name.contains(".") || name.endsWith(".vhost") || name.endsWith(".site");
    }
    return false;
  }

  private static boolean extensionless(Path p) {
    String name = p.getFileName().toString();
    return !name.contains(".") && !name.equals(name.toUpperCase(java.util.Locale.ROOT)) && !name.equals("Makefile")
        && !name.equals("Dockerfile");
  }

  /**
   * An extension-less file outside the usual directories (a site named "shop" in vhosts of
   * another name) is a config when its first directive opens a server, upstream or map block:
   * read a few hundred bytes, no more.
   */
  private boolean startsLikeASite(Path p) {
    byte[] head;
    try {
      if (!src.isRegularFile(p)) {
        return false;
      }
      byte[] all = src.read(p);
      head = java.util.Arrays.copyOf(all, Math.min(all.length, 4096));
    } catch (IOException e) {
      return false;
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      return t.matches("(server|upstream|map|geo|split_clients|location)\\b[^;]*\\{?.*");
    }
    return false;
  }

  private List<String> listSorted(Path d) throws InputException {
    try {
      List<String> names = src.list(d);
      names.sort(ConfigLoader::compareBytes);
      return names;
    } catch (IOException e) {
      throw new InputException(src.displayName(d) + ": cannot list directory: " + reason(e));
    }
  }

  // ---- trees ----

  /** One pending list of statements to place under a parent. */
  /** Statements still to place: a block's children, or a file's top level (included or not). */
  private static final class Work {
    final Statement[] list;
    final Directive parent;
    final Directive includedBy;
    final Path pushedFile;
    /** The block this work fills (closed when it is done); null for a file's statements. */
    final Directive fills;
    int next;
    boolean started;

    Work(List<Statement> list, Directive parent, Directive includedBy, Path pushedFile, Directive fills) {
      this(list.toArray(new Statement[0]), parent, includedBy, pushedFile, fills);
    }

    Work(Statement[] list, Directive parent, Directive includedBy, Path pushedFile, Directive fills) {
      this.list = list;
      this.parent = parent;
      this.includedBy = includedBy;
      this.pushedFile = pushedFile;
      this.fills = fills;
    }
  }

  private ConfigTree buildTree(Path entryPath, Context root, Path confDir) throws InputException {
    return buildTree(entryPath, root, confDir, true, false);
  }

  /**
   * As above; {@code rootKnown} false: confDir is a guess (a lone snippet's own directory);
   * {@code inferred}: the root context was guessed from the entry's directives, so the tree
   * records every context the entry could stand in.
   */
  private ConfigTree buildTree(Path entryPath, Context root, Path confDir, boolean rootKnown, boolean inferred)
      throws InputException {
    SourceFile entry = parseEntry(entryPath);
    ConfigTree tree = inferred ? new ConfigTree(entry, root, ContextInference.possible(entry.statements(), root))
        : new ConfigTree(entry, root);
    tree.addFile(entry);
    Path entryId = src.identity(entryPath);
    reached.add(entryId);
    // the files being read right now, outermost first: an include of one of them is a cycle
    Set<Path> chain = new LinkedHashSet<>();
    Deque<Work> work = new ArrayDeque<>();
    work.push(new Work(entry.statements(), null, null, entryId, null));
    long placed = 0;
    boolean capped = false;
    while (!work.isEmpty()) {
      Work w = work.peek();
      if (!w.started) {
        w.started = true;
        if (w.pushedFile != null) {
          chain.add(w.pushedFile);
        }
      }
      if (w.next >= w.list.length) {
        work.pop();
        if (w.pushedFile != null) {
          chain.remove(w.pushedFile);
        }
        if (w.fills != null) {
          tree.closeBlock(w.fills);
        }
        continue;
      }
      Statement s = w.list[w.next++];
      Directive d = tree.place(s, w.parent, w.includedBy);
      placed++;
      if (s.hasBlock()) {
        Statement[] kids = s.childArray();
        if (kids.length == 0) {
          tree.closeBlock(d);
        } else {
          work.push(new Work(kids, d, null, null, d));
        }
        continue;
      }
      if (!isInclude(s)) {
        continue;
      }
      if (placed > MAX_PLACED) {
        if (!capped) {
          problem("include-not-found", s, "include expansion stopped: more than " + MAX_PLACED
              + " directives (an include fans out without end?)");
          capped = true;
        }
        continue;
      }
      // included directives stand where the include stands: in the include's parent block
      List<Path> files = resolve(s, confDir, rootKnown);
      prefetch(files);
      for (int i = files.size() - 1; i >= 0; i--) {
        Path f = files.get(i);
        Path id = src.identity(f);
        if (chain.contains(id)) {
          problem("include-cycle", s, "include cycle: " + cycleText(chain, id)
              + " (nginx itself would crash with a stack overflow)");
          continue;
        }
        if (chain.size() >= MAX_INCLUDE_DEPTH) {
          problem("include-cycle", s, "includes nested more than " + MAX_INCLUDE_DEPTH + " deep");
          continue;
        }
        SourceFile sf;
        try {
          sf = parse(f);
        } catch (IOException e) {
          String spec = s.args().get(0).value();
          // a glob's match is named by its path, as nginx names the file it failed to read
          String shown = Glob.hasMeta(spec) ? f.toString() : spec;
          problem("include-not-found", s, e instanceof NioFileSource.NotRegularFileException n ? n.message(shown)
              : "open() \"" + shown + "\" failed (" + reason(e) + ")");
          continue;
        }
        tree.addFile(sf);
        tree.markIncludeRead(d);
        reached.add(id);
        // pushed last-first so the first match is read first; each joins the chain when it starts
        work.push(new Work(sf.statements(), w.parent, d, id, null));
      }
    }
    if (inferred && !ContextInference.saysWhere(entry.statements())) {
      // a snippet of only includes: what they bring in says where the snippet belongs
      List<Statement> expanded = new ArrayList<>();
      for (Directive d : tree.directives()) {
        expanded.add(d.statement());
      }
      if (ContextInference.saysWhere(expanded)) {
        Context better = ContextInference.infer(expanded);
        tree.refineRoot(better, ContextInference.possible(expanded, better));
      }
    }
    tree.seal();
    return tree;
  }

  private static boolean isInclude(Statement s) {
    return s.name().equals("include") && s.args().size() == 1
        && s.terminator() == Statement.Terminator.SEMICOLON;
  }

  /** The files an include names, in the order nginx reads them; problems become findings. */
  private List<Path> resolve(Statement include, Path confDir, boolean rootKnown) {
    String spec = include.args().get(0).value();
    Path target;
    try {
      target = locate(spec, confDir);
    } catch (java.nio.file.InvalidPathException e) {
      problem("include-not-found", include, unnameable(spec));
      return List.of();
    }
    String notChecked = notCheckedReason(spec, target, confDir);
    String stockOutside = notChecked == null || Glob.hasMeta(spec) ? null : StockFiles.nameOf(spec);
    if (stockOutside != null) {
      // a stock file under a server's conf prefix (/usr/local/nginx/conf/fastcgi_params): what
      // the package installs there is the bundled copy, on any machine
      stock.put(target, stockOutside);
      return List.of(target);
    }
    if (notChecked != null) {
      notChecked(include, target, notChecked);
      return List.of();
    }
    if (!Glob.hasMeta(spec)) {
      Path literal = viaCheckout(target, confDir);
      String stockName = src.exists(literal) ? null : StockFiles.nameOf(spec);
      if (stockName != null) {
        // the package installs it: check with its stock content, and say nothing of its absence
        stock.put(literal, stockName);
        return List.of(literal);
      }
      Path template = src.exists(literal) ? null : templateOf(literal, confDir);
      if (template != null) {
        notChecked(include, literal, "the container makes it from " + src.displayName(template)
            + " when it starts (the template is checked on its own)");
        return List.of();
      }
      if (!src.exists(literal) && !rootKnown && (!spec.startsWith("/") || spec.startsWith(DEFAULT_CONF_PREFIX + "/"))) {
        // nginx looks for it beside its nginx.conf, which was not found: this file is
        // checked without its conf root, and where the include points is not known
        notChecked(include, literal, "no nginx.conf was found next to or above "
            + src.displayName(include.file().path()) + ", so where nginx looks for it is not known;"
            + " check the directory that holds nginx.conf");
        return List.of();
      }
      if (!src.exists(literal)) {
        problem("include-not-found", include, "open() \"" + spec + "\" failed (2: No such file or directory)"
            + (spec.startsWith("/") && !literal.equals(src.path(spec))
                ? "; looked for in the checked tree as " + src.displayName(literal) : ""));
        return List.of();
      }
      if (src.isDirectory(literal)) {
        problem("include-not-found", include, "pread() \"" + spec + "\" failed (21: Is a directory)");
        return List.of();
      }
      return List.of(literal);
    }
    List<Path> matches = glob(target);
    List<Path> files = new ArrayList<>();
    for (Path match : matches) {
      Path m = viaCheckout(match, confDir);
      if (src.isDirectory(m)) {
        // nginx tries to read a matched directory and fails (E100)
        problem("include-not-found", include, "pread() \"" + m + "\" failed (21: Is a directory)");
      } else {
        files.add(m);
      }
    }
    return files;
  }

  /** Control characters as \xNN. */
  static String printable(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (b == null) {
          b = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        b.append(String.format("\\x%02x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** Why an include path that Java cannot turn into a path is not read, in words. */
  private static String unnameable(String spec) {
    int nul = spec.indexOf('\0');
    if (nul >= 0) {
      // nginx cuts the path at the NUL and opens what is left: that is the file it would read
      return "open() \"" + spec + "\" failed: the path holds a NUL byte, which no file"
          + " name can (nginx reads \"" + spec.substring(0, nul) + "\", the path up to it)";
    }
    // non-ASCII bytes under a C/POSIX locale: the JVM can only name ASCII files there
    return "open() \"" + spec + "\" was not tried: this path cannot be named in the locale nginx-lint runs"
        + " in (file names are " + System.getProperty("sun.jnu.encoding", "?") + "); run it with LC_ALL=C.UTF-8";
  }

  /** Where an include path points: prefix mapping, then nginx's conf-prefix rule. */
  private Path locate(String spec, Path confDir) {
    if (spec.startsWith("/")) {
      PrefixMap.Mapping mapping = prefixes.match(spec);
      if (mapping != null) {
        prefixesUsed.putIfAbsent(mapping.from().isEmpty() ? "/" : mapping.from(), mapping.to());
        return src.path(prefixes.map(spec));
      }
      Path p = src.path(spec);
      // a checkout whose nginx.conf names /etc/nginx/... is that conf root: read the paths from
      // the checkout, never from this machine's /etc/nginx, so the result is the same on a
      // machine with nginx installed as on one without (map another root with --prefix)
      if (spec.startsWith(DEFAULT_CONF_PREFIX + "/") && confDir != null && !isServerConf(confDir)) {
        prefixesUsed.putIfAbsent(DEFAULT_CONF_PREFIX, shown(confDir));
        return confDir.resolve(spec.substring(DEFAULT_CONF_PREFIX.length() + 1)).normalize();
      }
      return p;
    }
    return (confDir == null ? src.path(".") : confDir).resolve(spec).normalize();
  }

  /** Files the server makes while it runs or deploys, never part of a configuration checkout. */
  private static final List<String> DEPLOY_TIME_DIRS = List.of("/run/", "/var/run/", "/tmp/", "/dev/shm/");

  /**
   * Why an absolute include is not read, or null when it is: a file the server makes at run
   * time (under /run, /var/run, /tmp) that is not there, or, unless the check is of the
   * server's own conf directory (/etc/nginx), any path outside the checked files, which only
   * this machine could supply (read it there and the result would depend on the machine).
   * Paths mapped by --prefix, or from an `nginx -T` dump, are always read.
   */
  private String notCheckedReason(String spec, Path target, Path confDir) {
    if (!spec.startsWith("/") || src.isServerSnapshot() || prefixes.match(spec) != null) {
      return null;
    }
    boolean serverConf = confDir != null && isServerConf(confDir);
    for (String dir : DEPLOY_TIME_DIRS) {
      if (spec.startsWith(dir) && (!serverConf || !Glob.hasMeta(spec) && !src.exists(target))) {
        return "files under " + dir.substring(0, dir.length() - 1) + " are made on the server at run time";
      }
    }
    // the server's own tree, a path locate() placed in the checked tree, or a device, which is
    // the same on every machine (and reported when read: /dev/zero has no end)
    if (serverConf || spec.startsWith("/dev/") || confDir != null && (spec.startsWith(DEFAULT_CONF_PREFIX + "/") || target.startsWith(confDir))) {
      return null;
    }
    for (Path d : checkedDirs) {
      if (target.startsWith(d)) {
        return null;
      }
    }
    return "it is outside the checked files (the server provides it); to check a copy, map its directory,"
        + " e.g. --prefix " + directoryOf(spec) + "=DIR";
  }

  /** The directory part of an include path, before any glob character. */
  private static String directoryOf(String spec) {
    int end = spec.length();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        end = i;
        break;
      }
    }
    int slash = spec.lastIndexOf('/', end - 1);
    return slash <= 0 ? "/" : spec.substring(0, slash);
  }

  /** The server's own conf directory: checking it means checking this machine's nginx. */
  private static boolean isServerConf(Path confDir) {
    return confDir.toString().equals(DEFAULT_CONF_PREFIX);
  }

  /** A directory as the prefix-mapping note shows it ("." for the working directory). */
  private String shown(Path dir) {
    return dir.equals(src.path(".")) ? "." : src.displayName(dir);
  }

  /** Reports an include whose file is not read, once per file (at its first include). */
  private void notChecked(Statement include, Path target, String why) {
    if (notCheckedTargets.add(target.toString())) {
      problem("include-not-checked", include, "\"" + include.args().get(0).value() + "\" was not checked: " + why);
    }
  }

  /**
   * The template the official Docker image renders into a missing include at start-up
   * (templates/NAME.template → conf.d/NAME, or NAME.template beside it), or null.
   */
  private Path templateOf(Path missing, Path confDir) {
    Path beside = missing.resolveSibling(missing.getFileName() + ".template");
    if (src.isRegularFile(beside)) {
      return beside;
    }
    if (confDir != null && missing.startsWith(confDir.resolve("conf.d"))) {
      Path rel = confDir.resolve("conf.d").relativize(missing);
      Path inTemplates = confDir.resolve("templates").resolve(rel.toString() + ".template");
      if (src.isRegularFile(inTemplates)) {
        return inTemplates;
      }
    }
    return null;
  }

  /**
   * A checkout's link into the server's conf directory (sites-enabled/x ->
   * /etc/nginx/sites-available/x) is read as the checkout's own file: following it would read
   * this machine's /etc/nginx, or nothing on a machine without nginx.
   */
  private Path viaCheckout(Path p, Path confDir) {
    if (confDir == null || isServerConf(confDir) || src.isServerSnapshot()) {
      return p;
    }
    String link = src.linkTarget(p);
    if (link == null || !link.startsWith(DEFAULT_CONF_PREFIX + "/")) {
      return p;
    }
    prefixesUsed.putIfAbsent(DEFAULT_CONF_PREFIX, shown(confDir));
    return confDir.resolve(link.substring(DEFAULT_CONF_PREFIX.length() + 1)).normalize();
  }

  /** A directory walk's link into /etc/nginx/ when the walked directory is not /etc/nginx. */
  private boolean linksIntoServerConf(Path p, Path walked) {
    if (isServerConf(walked) || src.isServerSnapshot()) {
      return false;
    }
    String link = src.linkTarget(p);
    return link != null && link.startsWith(DEFAULT_CONF_PREFIX + "/");
  }

  private List<ConfigSet.PrefixUse> prefixUses() {
    List<ConfigSet.PrefixUse> out = new ArrayList<>();
    prefixesUsed.forEach((from, to) -> out.add(new ConfigSet.PrefixUse(from, to)));
    return out;
  }

  /** glob(3) with no flags: per-component matching, results sorted in byte order. */
  private List<Path> glob(Path pattern) {
    Path root = pattern.getRoot();
    List<Path> current = new ArrayList<>();
    current.add(root != null ? root : src.path("."));
    int n = pattern.getNameCount();
    for (int i = 0; i < n; i++) {
      String comp = pattern.getName(i).toString();
      boolean last = i == n - 1;
      List<Path> next = new ArrayList<>();
      if (!Glob.hasMeta(comp)) {
        String name = Glob.unquote(comp);
        for (Path c : current) {
          Path p = c.resolve(name);
          if (last ? src.exists(p) : src.isDirectory(p)) {
            next.add(p);
          }
        }
      } else {
        Pattern re = Glob.component(comp);
        boolean dotOk = comp.startsWith(".");
        for (Path c : current) {
          if (!src.isDirectory(c)) {
            continue;
          }
          List<String> names;
          try {
            names = src.list(c);
          } catch (IOException e) {
            continue;
          }
          for (String name : names) {
            if (name.startsWith(".") && !dotOk) {
              continue;
            }
            Path p = c.resolve(name);
            if (re.matcher(name).matches() && (last || src.isDirectory(p))) {
              next.add(p);
            }
          }
        }
      }
      current = next;
      if (current.isEmpty()) {
        return List.of();
      }
    }
    current.sort(Comparator.comparing(Path::toString, ConfigLoader::compareBytes));
    return current;
  }

  private SourceFile parse(Path p) throws IOException {
    Path id = src.identity(p);
    SourceFile f = parsed.get(id);
    if (f == null) {
      Pending ahead = pending.remove(id);
      // a parse started ahead is joined (run here if no pool thread has started it yet)
      f = ahead != null && ahead.path().equals(p) ? dev.nginxlint.Tasks.join(ahead.task(), IOException.class) : parseNow(p);
      parsed.put(id, f);
      for (var e : f.errors()) {
        diagnostics.add(new Diagnostic("syntax-error", e.message(), f, e.span()));
      }
    }
    return f;
  }

  private SourceFile parseNow(Path p) throws IOException {
    String stockName = stock.get(p);
    byte[] bytes = stockName != null ? StockFiles.read(stockName) : src.read(p);
    return ConfigParser.parse(p, src.displayName(p), bytes, envsubst);
  }

  /**
   * Starts parsing files that will be needed (a directory's files, a glob include's matches,
   * several named files) on a small pool, so a tree of many files is read on all cores. Results
   * are taken in the order the sequential reader needs them, and registered (parsed files,
   * diagnostics) only then, so the outcome is the same as reading one by one. One file alone
   * is parsed when needed, on the caller's thread.
   */
  private void prefetch(List<Path> files) {
    if (files.size() < 2 || POOL_THREADS < 2) {
      return;
    }
    for (Path p : files) {
      Path id = src.identity(p);
      if (parsed.containsKey(id) || pending.containsKey(id)) {
        continue;
      }
      java.util.concurrent.FutureTask<SourceFile> task = new java.util.concurrent.FutureTask<>(() -> parseNow(p));
      pending.put(id, new Pending(p, task));
      pool().execute(task);
    }
  }


  private java.util.concurrent.ExecutorService pool() {
    if (pool == null) {
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      pool = java.util.concurrent.Executors.newFixedThreadPool(POOL_THREADS, r -> {
        // parsing is iterative, but give the threads the room the main worker has for deep files
        Thread t = new Thread(null, r, "nginx-lint-parse-" + n.incrementAndGet(), 256L << 20);
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
  }

  private void stopPool() {
    if (pool != null) {
      // tasks not taken are not needed: drop the queued ones, let running ones end on their own
      pool.shutdownNow();
      pool = null;
    }
    pending.clear();
  }

  private void problem(String rule, Statement at, String rawMessage) {
    // the path comes from the file's bytes: control bytes (an ESC sequence, NUL) are shown, not
    // sent to the user's terminal
    String message = printable(rawMessage);
    String key = rule + "\u0000" + at.file().path() + "\u0000" + at.span().start() + "\u0000" + message;
    if (reportedIncludeProblems.add(key)) {
      diagnostics.add(new Diagnostic(rule, message, at.file(), at.headSpan()));
    }
  }

  private String cycleText(Set<Path> chain, Path again) {
    List<String> names = new ArrayList<>();
    boolean on = false;
    for (Path p : chain) {
      on |= p.equals(again);
      if (on) {
        names.add(src.displayName(p));
      }
    }
    names.add(src.displayName(again));
    return String.join(" -> ", names);
  }

  private static String reason(IOException e) {
    if (e instanceof NioFileSource.NotRegularFileException n) {
      return n.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
      return "2: No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "13: Permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** Byte order of the UTF-8 encodings, as glob(3) sorts in the C locale (E98). */
  static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
