package dev.nginxlint.include;

import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one load has found so far: the files read (each once, by identity, in the order they
 * were first needed), the problems met, the files some tree reaches, the include targets
 * already reported as not checked, and the prefix mappings used. Everything the loader's jobs
 * (include resolution, tree assembly) share goes through here.
 *
 * <p>An attempt that may be abandoned (a snippet tried inside the nginx.conf above it) works
 * on a {@link #copy()}: kept, the copy becomes the session; dropped, nothing it found remains.
 */
final class LoadSession {
  private final Map<Path, SourceFile> files;
  private final List<Diagnostic> diagnostics;
  private final Set<Path> reached;
  private final Set<String> reportedProblems;
  private final Set<String> notCheckedTargets;
  /** From → to, as reports show the mapping. */
  private final Map<String, String> prefixesUsed;

  LoadSession() {
    this(new LinkedHashMap<>(), new ArrayList<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
        new LinkedHashMap<>());
  }

  private LoadSession(Map<Path, SourceFile> files, List<Diagnostic> diagnostics, Set<Path> reached,
      Set<String> reportedProblems, Set<String> notCheckedTargets, Map<String, String> prefixesUsed) {
    this.files = files;
    this.diagnostics = diagnostics;
    this.reached = reached;
    this.reportedProblems = reportedProblems;
    this.notCheckedTargets = notCheckedTargets;
    this.prefixesUsed = prefixesUsed;
  }

  /** An independent session holding what this one holds now. */
  LoadSession copy() {
    return new LoadSession(new LinkedHashMap<>(files), new ArrayList<>(diagnostics), new HashSet<>(reached),
        new HashSet<>(reportedProblems), new HashSet<>(notCheckedTargets), new LinkedHashMap<>(prefixesUsed));
  }

  /** The file read under this identity in this session, or null. */
  SourceFile file(Path identity) {
    return files.get(identity);
  }

  /** Records a file as read (its syntax errors become problems); the first one per identity counts. */
  void addFile(Path identity, SourceFile file) {
    if (files.putIfAbsent(identity, file) == null) {
      for (var e : file.errors()) {
        diagnostics.add(new Diagnostic(Diagnostic.SYNTAX_ERROR, e.message(), file, e.span()));
      }
    }
  }

  void markReached(Path identity) {
    reached.add(identity);
  }

  /** True when a tree built in this session reads the file. */
  boolean reached(Path identity) {
    return reached.contains(identity);
  }

  /** Reports a problem at a statement's head, once per rule, place and message. */
  void problem(String rule, Statement at, String rawMessage) {
    // the path comes from the file's bytes: control bytes (an ESC sequence, NUL) are shown, not
    // sent to the user's terminal
    String message = Printable.of(rawMessage);
    String key = rule + "\u0000" + at.file().path() + "\u0000" + at.span().start() + "\u0000" + message;
    if (reportedProblems.add(key)) {
      diagnostics.add(new Diagnostic(rule, message, at.file(), at.headSpan()));
    }
  }

  /** True the first time a target is reported as not checked (each is reported at its first include). */
  boolean firstNotChecked(Path target) {
    return notCheckedTargets.add(target.toString());
  }

  /** Records that a prefix mapping placed an include path (the first mapping of a prefix counts). */
  void usedPrefix(String from, String to) {
    prefixesUsed.putIfAbsent(from, to);
  }

  ConfigSet result(List<ConfigTree> trees) {
    List<ConfigSet.PrefixUse> uses = new ArrayList<>();
    prefixesUsed.forEach((from, to) -> uses.add(new ConfigSet.PrefixUse(from, to)));
    return new ConfigSet(trees, new ArrayList<>(files.values()), diagnostics, uses);
  }
}
