package dev.nginxlint.lsp;

import dev.nginxlint.fix.Applicability;
import dev.nginxlint.fix.TextEdit;
import dev.nginxlint.fixloop.FixApplier;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Quick fixes from the findings' fixes, "suppress with a reason", and fix-all-safe. */
final class CodeActions {
  /** The kind editors run on save ("source.fixAll" and this are asked for by name). */
  static final String FIX_ALL = CodeActionKind.SourceFixAll + ".nginx-lint";

  private CodeActions() {}

  /** The quick fixes and suppressions of the findings whose range meets {@code start..end} (byte offsets). */
  static List<CodeAction> quickFixes(Analyzer.Analysis a, String uri, int start, int end) {
    List<CodeAction> out = new ArrayList<>();
    String docs = a.settings() == null ? null : a.settings().docsUrl();
    for (Finding f : a.findings()) {
      if (f.span().end() < start || f.span().start() > end) {
        continue;
      }
      Diagnostic d = Diagnostics.of(f, docs, null);
      if (f.fix() != null && !f.fix().edits().isEmpty() && f.fix().applicability() != Applicability.DISPLAY_ONLY
          && !rewritesPlaceholder(f)) {
        boolean safe = f.fix().applicability() == Applicability.SAFE;
        CodeAction fix = new CodeAction(f.fix().title() + (safe ? "" : " (unsafe: changes behaviour)"));
        fix.setKind(CodeActionKind.QuickFix);
        fix.setDiagnostics(List.of(d));
        fix.setIsPreferred(safe);
        fix.setEdit(edit(f.fix().edits(), a.file(), uri));
        out.add(fix);
      }
      CodeAction suppress = suppression(a.file(), uri, f);
      if (suppress != null) {
        suppress.setDiagnostics(List.of(d));
        out.add(suppress);
      }
    }
    // safe fixes first: the editor lists them in this order
    out.sort((x, y) -> Boolean.compare(!Boolean.TRUE.equals(x.getIsPreferred()), !Boolean.TRUE.equals(y.getIsPreferred())));
    return out;
  }

  /**
   * Inserts `# nginx-lint: disable=RULE -- reason` on its own line above the statement the finding
   * is on (a suppression covers the directive below it, with its block), indented as it is; the
   * reason is a placeholder for the user to replace.
   */
  static CodeAction suppression(SourceFile file, String uri, Finding f) {
    Statement target = statementAt(file.statements(), f.span().start());
    int at = target != null ? target.start() : f.span().start();
    int lineStart = file.lines().lineStart(file.lines().line(at));
    for (int i = lineStart; i < at; i++) {
      byte b = file.byteAt(i);
      if (b != ' ' && b != '\t') {
        return null; // another statement before it on the line: a comment above would cover that one
      }
    }
    String indent = file.rawText(lineStart, at);
    TextEdit insert = new TextEdit(file, lineStart, lineStart,
        indent + "# nginx-lint: disable=" + f.rule() + " -- REASON: why this is fine here\n");
    CodeAction action = new CodeAction("Suppress " + f.rule() + " here (with a reason)");
    action.setKind(CodeActionKind.QuickFix);
    action.setEdit(edit(List.of(insert), file, uri));
    return action;
  }

  /** The innermost statement whose span holds the offset. */
  private static Statement statementAt(List<Statement> level, int offset) {
    Statement found = null;
    while (level != null) {
      Statement next = null;
      for (Statement s : level) {
        if (offset >= s.start() && offset < Math.max(s.end(), s.start() + 1)) {
          next = s;
          break;
        }
      }
      if (next == null) {
        break;
      }
      found = next;
      // a finding on a block's head speaks of the block itself, not of a directive in it
      if (!next.hasBlock() || offset < next.headSpan().end()) {
        break;
      }
      level = next.children();
    }
    return found;
  }

  /** All safe fixes of the file, applied in rounds as `check --fix` does, as one edit per changed file. */
  static CodeAction fixAll(Map<Path, FixApplier.Change> changes, Path selfPath, String selfUri) {
    if (changes.isEmpty()) {
      return null;
    }
    Map<String, List<org.eclipse.lsp4j.TextEdit>> byUri = new LinkedHashMap<>();
    for (FixApplier.Change c : changes.values()) {
      String before = new String(c.before(), StandardCharsets.UTF_8);
      String after = new String(c.after(), StandardCharsets.UTF_8);
      String uri = c.path().toAbsolutePath().normalize().equals(selfPath) ? selfUri : c.path().toUri().toString();
      byUri.put(uri, List.of(minimalEdit(before, after)));
    }
    CodeAction action = new CodeAction("Fix all safe nginx-lint problems");
    action.setKind(FIX_ALL);
    action.setEdit(new WorkspaceEdit(byUri));
    return action;
  }

  /** One edit replacing only what differs between the texts (the common start and end are kept). */
  static org.eclipse.lsp4j.TextEdit minimalEdit(String before, String after) {
    int p = 0;
    int max = Math.min(before.length(), after.length());
    while (p < max && before.charAt(p) == after.charAt(p)) {
      p++;
    }
    int s = 0;
    while (s < max - p && before.charAt(before.length() - 1 - s) == after.charAt(after.length() - 1 - s)) {
      s++;
    }
    // never split a surrogate pair
    if (p > 0 && Character.isHighSurrogate(before.charAt(p - 1))) {
      p--;
    }
    if (s > 0 && Character.isLowSurrogate(before.charAt(before.length() - s))) {
      s--;
    }
    return new org.eclipse.lsp4j.TextEdit(
        new Range(Positions.position(before, p), Positions.position(before, before.length() - s)),
        after.substring(p, after.length() - s));
  }

  /** The edits by document; {@code self} (the analysed file) is named by the editor's own URI. */
  private static WorkspaceEdit edit(List<TextEdit> edits, SourceFile self, String selfUri) {
    Map<String, List<org.eclipse.lsp4j.TextEdit>> byUri = new LinkedHashMap<>();
    for (TextEdit e : edits) {
      SourceFile f = e.file();
      String uri = f == self || f.path() == null ? selfUri : f.path().toUri().toString();
      byUri.computeIfAbsent(uri, k -> new ArrayList<>())
          .add(new org.eclipse.lsp4j.TextEdit(Positions.range(f, e.start(), e.end()), e.replacement()));
    }
    return new WorkspaceEdit(byUri);
  }

  /** As `check --fix` skips them: a fix made from a template's rendered value would overwrite its ${NAME}. */
  private static boolean rewritesPlaceholder(Finding f) {
    for (TextEdit e : f.fix().edits()) {
      if (e.file().touchesRendered(e.start(), e.end())) {
        return true;
      }
    }
    return false;
  }
}
