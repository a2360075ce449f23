package dev.nginxlint.lint;

import dev.nginxlint.model.Comment;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import dev.nginxlint.model.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `# nginx-lint: disable=rule[,rule] -- reason` at the end of a directive's line (that
 * directive, with its block), or on the comment lines just above a directive (the same), and
 * `# nginx-lint: disable-file=rule[,rule]` (the whole file). Rule ids or categories; `all`.
 */
final class Suppressions {

  private static final Pattern DIRECTIVE = Pattern.compile(
      "^\\s*nginx-lint:\\s*(disable|disable-file)\\s*=\\s*([A-Za-z0-9_,\\s-]+?)\\s*(?:--.*)?$");

  /** One suppression comment, with the byte range it covers. */
  static final class Entry {
    final SourceFile file;
    final Comment comment;
    final Set<String> rules;
    final int from;
    final int to;
    final Set<String> used = new LinkedHashSet<>();

    Entry(SourceFile file, Comment comment, Set<String> rules, int from, int to) {
      this.file = file;
      this.comment = comment;
      this.rules = rules;
      this.from = from;
      this.to = to;
    }

    /** The entry's word that hides the finding (rule id, category or "all"), or null. */
    String covers(Finding f) {
      if (f.file() != file || f.span().start() < from || f.span().start() >= to) {
        return null;
      }
      for (String word : new String[] {f.rule(), f.category().label(), "all"}) {
        if (rules.contains(word)) {
          return word;
        }
      }
      return null;
    }
  }

  private Suppressions() {}

  static List<Entry> of(SourceFile file) {
    List<Entry> out = new ArrayList<>();
    List<Comment> comments = file.comments();
    if (comments.isEmpty()) {
      return out;
    }
    List<Statement> all = null; // every statement, listed only once a comment is a suppression
    for (Comment c : comments) {
      Matcher m = DIRECTIVE.matcher(c.text());
      if (!m.matches()) {
        continue;
      }
      if (all == null) {
        all = flatten(file.statements());
      }
      Set<String> rules = new LinkedHashSet<>();
      for (String r : m.group(2).split("[,\\s]+")) {
        if (!r.isBlank()) {
          rules.add(r.trim());
        }
      }
      if (m.group(1).equals("disable-file")) {
        out.add(new Entry(file, c, rules, 0, file.size() + 1));
        continue;
      }
      Statement target = target(file, all, c);
      if (target != null) {
        out.add(new Entry(file, c, rules, target.span().start(), Math.max(target.span().end(), c.span().end())));
      } else {
        out.add(new Entry(file, c, rules, 0, 0)); // points at nothing: reported as unused
      }
    }
    return out;
  }

  /** The directive a comment speaks of: the one its line ends, else the next one below. */
  private static Statement target(SourceFile file, List<Statement> all, Comment c) {
    int line = c.span().line();
    int lineStart = file.lines().lineStart(line);
    boolean ownLine = true;
    for (int i = lineStart; i < c.span().start(); i++) {
      byte b = file.byteAt(i);
      if (b != ' ' && b != '\t' && b != '\r') {
        ownLine = false;
        break;
      }
    }
    if (!ownLine) {
      // trailing comment: the directive whose head ends on this line, before the comment
      Statement best = null;
      for (Statement s : all) {
        Span head = s.headSpan();
        if (head.end() <= c.span().start() && head.endLine() == line) {
          best = s;
        }
        if (s.closeSpan() != null && s.closeSpan().end() <= c.span().start() && s.closeSpan().line() == line
            && best == null) {
          best = s;
        }
      }
      return best;
    }
    // own-line comment: the first directive after it, if only comments and blanks lie between
    for (Statement s : all) {
      if (s.span().start() > c.span().start()) {
        int gapStart = c.span().end();
        for (int i = gapStart; i < s.span().start(); i++) {
          byte b = file.byteAt(i);
          if (b == '#') {
            // another comment: skip to its line end
            while (i < s.span().start() && file.byteAt(i) != '\n') {
              i++;
            }
          } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
            return null;
          }
        }
        return s;
      }
    }
    return null;
  }

  /** Every statement of the file in source order (iterative: files can nest deeply). */
  private static List<Statement> flatten(List<Statement> top) {
    List<Statement> out = new ArrayList<>();
    Deque<Statement> stack = new ArrayDeque<>();
    for (int i = top.size() - 1; i >= 0; i--) {
      stack.push(top.get(i));
    }
    while (!stack.isEmpty()) {
      Statement s = stack.pop();
      out.add(s);
      if (s.hasBlock()) {
        List<Statement> kids = s.children();
        for (int i = kids.size() - 1; i >= 0; i--) {
          stack.push(kids.get(i));
        }
      }
    }
    return out;
  }
}
