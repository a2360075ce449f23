package dev.nginxlint.lsp;

import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;

/** Findings as LSP diagnostics. */
final class Diagnostics {
  static final String SOURCE = "nginx-lint";

  private Diagnostics() {}

  static List<Diagnostic> of(Analyzer.Analysis a) {
    List<Diagnostic> out = new ArrayList<>();
    if (a.problem() != null) {
      // the file could not be checked at all: say why where the user looks
      Diagnostic d = new Diagnostic(new Range(Positions.position(a.file(), 0), Positions.position(a.file(), 0)),
          a.problem(), DiagnosticSeverity.Error, SOURCE);
      out.add(d);
      return out;
    }
    Location includedFrom = includedFrom(a);
    String docs = a.settings() == null ? null : a.settings().docsUrl();
    for (Finding f : a.findings()) {
      out.add(of(f, docs, includedFrom));
    }
    return out;
  }

  static Diagnostic of(Finding f, String docsBase, Location includedFrom) {
    Diagnostic d = new Diagnostic(Positions.range(f.file(), f.span().start(), f.span().end()), f.message(),
        severity(f.severity()), SOURCE, f.rule());
    if (docsBase != null && !docsBase.isBlank()) {
      d.setCodeDescription(new DiagnosticCodeDescription((docsBase.endsWith("/") ? docsBase : docsBase + "/") + f.rule() + ".md"));
    }
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    // the other places of the same problem, as the rule names them
    for (Finding.Related r : f.related()) {
      if (r.file().path() != null) {
        related.add(new DiagnosticRelatedInformation(
            new Location(r.file().path().toUri().toString(), Positions.range(r.file(), r.span().start(), r.span().end())),
            r.message()));
      }
    }
    if (f.fix() != null) {
      for (TextEdit e : f.fix().edits()) {
        // the finding's own place needs no pointer; an edit elsewhere (another block or file) does
        if (e.file() == f.file() && e.start() >= f.span().start() && e.end() <= f.span().end()) {
          continue;
        }
        if (e.file().path() == null) {
          continue;
        }
        related.add(new DiagnosticRelatedInformation(
            new Location(e.file().path().toUri().toString(), Positions.range(e.file(), e.start(), e.end())),
            "the fix (" + f.fix().title() + ") edits here"));
      }
    }
    if (includedFrom != null) {
      related.add(new DiagnosticRelatedInformation(includedFrom, "checked as included from here"));
    }
    if (!related.isEmpty()) {
      d.setRelatedInformation(related);
    }
    return d;
  }

  static DiagnosticSeverity severity(dev.nginxlint.lint.Severity s) {
    return switch (s) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case INFO -> DiagnosticSeverity.Information;
    };
  }

  /** The include directive that brought the file into its tree, when it is not the tree's entry. */
  private static Location includedFrom(Analyzer.Analysis a) {
    if (a.set() == null) {
      return null;
    }
    SourceFile self = a.file();
    for (ConfigTree t : a.set().trees()) {
      if (t.entry() == self || !t.files().contains(self)) {
        continue;
      }
      Directive[] found = new Directive[1];
      t.walk(d -> {
        if (found[0] == null && d.file() == self && d.includedBy() != null) {
          found[0] = d.includedBy();
        }
      });
      Directive inc = found[0];
      if (inc != null && inc.file().path() != null) {
        return new Location(inc.file().path().toUri().toString(),
            Positions.range(inc.file(), inc.span().start(), inc.span().end()));
      }
    }
    return null;
  }
}
