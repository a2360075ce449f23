package dev.nginxlint.include;

import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files an {@code include} reads, as nginx decides it: relative paths against the main
 * config's directory, absolute ones through the prefix mappings (and a checkout's /etc/nginx
 * paths from the checkout), globs sorted bytewise, stock files from the bundled copies. What is
 * not read becomes a finding in the session: missing, a directory, outside the checked files,
 * made at run time or from a template.
 */
final class IncludeResolver {
  /** Files the server makes while it runs or deploys, never part of a configuration checkout. */
  private static final List<String> DEPLOY_TIME_DIRS = List.of("/run/", "/var/run/", "/tmp/", "/dev/shm/");

  private final FileSource src;
  private final PrefixMap prefixes;
  private final FileParser files;
  /** Directories the user named: an absolute include under one of them is part of the check. */
  private final List<Path> checkedDirs;

  IncludeResolver(FileSource src, PrefixMap prefixes, FileParser files, List<Path> checkedDirs) {
    this.src = src;
    this.prefixes = prefixes;
    this.files = files;
    this.checkedDirs = checkedDirs;
  }

  static boolean isInclude(Statement s) {
    return s.name().equals("include") && s.args().size() == 1
        && s.terminator() == Statement.Terminator.SEMICOLON;
  }

  /**
   * The files an include names, in the order nginx reads them; problems become findings.
   * {@code rootKnown} false: confDir is a guess (a lone snippet's own directory).
   */
  List<Path> resolve(LoadSession session, Statement include, Path confDir, boolean rootKnown) {
    String spec = include.args().get(0).value();
    Path target;
    try {
      target = locate(session, spec, confDir);
    } catch (java.nio.file.InvalidPathException e) {
      session.problem(Diagnostic.INCLUDE_NOT_FOUND, include, unnameable(spec));
      return List.of();
    }
    String notChecked = notCheckedReason(spec, target, confDir);
    String stockOutside = notChecked == null || Glob.hasMeta(spec) ? null : StockFiles.nameOf(spec);
    if (stockOutside != null) {
      // a stock file under a server's conf prefix (/usr/local/nginx/conf/fastcgi_params): what
      // the package installs there is the bundled copy, on any machine
      files.readStock(target, stockOutside);
      return List.of(target);
    }
    if (notChecked != null) {
      notChecked(session, include, target, notChecked);
      return List.of();
    }
    if (!Glob.hasMeta(spec)) {
      return literal(session, include, spec, viaCheckout(session, target, confDir), confDir, rootKnown);
    }
    List<Path> out = new ArrayList<>();
    for (Path match : Glob.expand(src, target)) {
      Path m = viaCheckout(session, match, confDir);
      if (src.isDirectory(m)) {
        // nginx tries to read a matched directory and fails (E100)
        session.problem(Diagnostic.INCLUDE_NOT_FOUND, include, "pread() \"" + m + "\" failed (21: Is a directory)");
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /** An include of one file (no glob): the file, or nothing and the reason why as a finding. */
  private List<Path> literal(LoadSession session, Statement include, String spec, Path literal, Path confDir,
      boolean rootKnown) {
    String stockName = src.exists(literal) ? null : StockFiles.nameOf(spec);
    if (stockName != null) {
      // the package installs it: check with its stock content, and say nothing of its absence
      files.readStock(literal, stockName);
      return List.of(literal);
    }
    Path template = src.exists(literal) ? null : templateOf(literal, confDir);
    if (template != null) {
      notChecked(session, include, literal, "the container makes it from " + src.displayName(template)
          + " when it starts (the template is checked on its own)");
      return List.of();
    }
    if (!src.exists(literal) && !rootKnown && (!spec.startsWith("/") || ServerConf.under(spec))) {
      // nginx looks for it beside its nginx.conf, which was not found: this file is
      // checked without its conf root, and where the include points is not known
      notChecked(session, include, literal, "no nginx.conf was found next to or above "
          + src.displayName(include.file().path()) + ", so where nginx looks for it is not known;"
          + " check the directory that holds nginx.conf");
      return List.of();
    }
    if (!src.exists(literal)) {
      session.problem(Diagnostic.INCLUDE_NOT_FOUND, include, "open() \"" + spec
          + "\" failed (2: No such file or directory)"
          + (spec.startsWith("/") && !literal.equals(src.path(spec))
              ? "; looked for in the checked tree as " + src.displayName(literal) : ""));
      return List.of();
    }
    if (src.isDirectory(literal)) {
      session.problem(Diagnostic.INCLUDE_NOT_FOUND, include, "pread() \"" + spec + "\" failed (21: Is a directory)");
      return List.of();
    }
    return List.of(literal);
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
  private Path locate(LoadSession session, String spec, Path confDir) {
    if (spec.startsWith("/")) {
      PrefixMap.Mapping mapping = prefixes.match(spec);
      if (mapping != null) {
        session.usedPrefix(mapping.from().isEmpty() ? "/" : mapping.from(), mapping.to());
        return src.path(prefixes.map(spec));
      }
      Path p = src.path(spec);
      // a checkout whose nginx.conf names /etc/nginx/... is that conf root: read the paths from
      // the checkout, never from this machine's /etc/nginx, so the result is the same on a
      // machine with nginx installed as on one without (map another root with --prefix)
      if (ServerConf.under(spec) && confDir != null && !ServerConf.is(confDir)) {
        session.usedPrefix(ServerConf.PREFIX, shown(confDir));
        return confDir.resolve(spec.substring(ServerConf.PREFIX.length() + 1)).normalize();
      }
      return p;
    }
    return (confDir == null ? src.path(".") : confDir).resolve(spec).normalize();
  }

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
    boolean serverConf = confDir != null && ServerConf.is(confDir);
    for (String dir : DEPLOY_TIME_DIRS) {
      if (spec.startsWith(dir) && (!serverConf || !Glob.hasMeta(spec) && !src.exists(target))) {
        return "files under " + dir.substring(0, dir.length() - 1) + " are made on the server at run time";
      }
    }
    // the server's own tree, a path locate() placed in the checked tree, or a device, which is
    // the same on every machine (and reported when read: /dev/zero has no end)
    if (serverConf || spec.startsWith("/dev/") || confDir != null && (ServerConf.under(spec) || target.startsWith(confDir))) {
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

  /** A directory as the prefix-mapping note shows it ("." for the working directory). */
  private String shown(Path dir) {
    return dir.equals(src.path(".")) ? "." : src.displayName(dir);
  }

  /** Reports an include whose file is not read, once per file (at its first include). */
  private static void notChecked(LoadSession session, Statement include, Path target, String why) {
    if (session.firstNotChecked(target)) {
      session.problem(Diagnostic.INCLUDE_NOT_CHECKED, include,
          "\"" + include.args().get(0).value() + "\" was not checked: " + why);
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
  private Path viaCheckout(LoadSession session, Path p, Path confDir) {
    if (confDir == null || ServerConf.is(confDir)) {
      return p;
    }
    String linked = ServerConf.linkedPath(src, p);
    if (linked == null) {
      return p;
    }
    session.usedPrefix(ServerConf.PREFIX, shown(confDir));
    return confDir.resolve(linked).normalize();
  }
}
