package dev.nginxlint.fix;

import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import java.util.List;

/**
 * Builds text edits that look as if a careful person had typed them: new directives take the
 * indentation of their siblings (tabs or spaces) and the file's line ending; nothing else
 * moves. Rules build fixes only from these helpers, never from hand-made whitespace.
 */
public final class Edits {
  private Edits() {}

  /** Inserts {@code text} (one directive, e.g. "keepalive 32;") on a new line after {@code sibling}. */
  public static TextEdit insertAfter(Directive sibling, String text) {
    SourceFile f = sibling.file();
    int at = afterTrailingComment(f, sibling.span().end());
    return new TextEdit(f, at, at, eol(f) + indentOf(sibling) + text).with(caveat(sibling.parent(), sibling, text, false));
  }

  /**
   * The caveat for adding the directive {@code text} begins with to {@code level} (null: the
   * top level of {@code near}'s tree): see {@link IncludedSettings}.
   */
  private static Caveat caveat(Directive level, Directive near, String text, boolean block) {
    int end = 0;
    while (end < text.length() && text.charAt(end) > ' ' && text.charAt(end) != ';' && text.charAt(end) != '{') {
      end++;
    }
    return IncludedSettings.adding(near.tree(), level, near.file(), text.substring(0, end), block);
  }

  /** Past a comment that ends the line (it belongs to the directive before it), else {@code end}. */
  private static int afterTrailingComment(SourceFile f, int end) {
    int i = end;
    while (i < f.size() && isBlank(f.byteAt(i))) {
      i++;
    }
    if (i < f.size() && f.byteAt(i) == '#') {
      while (i < f.size() && f.byteAt(i) != '\n') {
        i++;
      }
      if (i > end && f.byteAt(i - 1) == '\r' && i < f.size()) {
        i--;
      }
      return i;
    }
    return end;
  }

  /** Inserts {@code text} on a new line before {@code sibling}, with its indentation. */
  public static TextEdit insertBefore(Directive sibling, String text) {
    SourceFile f = sibling.file();
    String indent = indentOf(sibling);
    Caveat c = caveat(sibling.parent(), sibling, text, false);
    if (startsLine(f, sibling.span().start())) {
      int lineStart = sibling.span().start() - indent.length();
      return new TextEdit(f, lineStart, lineStart, indent + text + eol(f)).with(c);
    }
    int at = sibling.span().start();
    return new TextEdit(f, at, at, text + " ").with(c);
  }

  /**
   * Inserts {@code text} as the last directive of a block: after its last child written in the
   * same file, else right after the opening '{'.
   */
  public static TextEdit insertAtEnd(Directive block, String text) {
    Directive last = lastChildInFile(block);
    if (last != null) {
      return insertAfter(last, text);
    }
    return insertAtStart(block, text);
  }

  /** Inserts {@code text} as the first directive of a block, after its '{'. */
  public static TextEdit insertAtStart(Directive block, String text) {
    SourceFile f = block.file();
    int at = block.headSpan().end(); // just past '{'
    Directive first = firstChildInFile(block);
    String indent = first != null ? indentOf(first) : indentOf(block) + indentUnit(f);
    Caveat c = caveat(block, block, text, false);
    if (first == null && block.statement().closeSpan() != null
        && block.statement().closeSpan().line() == block.headSpan().endLine()) {
      // "events {}" on one line: open it up so the block reads as usual
      return new TextEdit(f, at, block.statement().closeSpan().start(),
          eol(f) + indent + text + eol(f) + indentOf(block)).with(c);
    }
    return new TextEdit(f, at, at, eol(f) + indent + text).with(c);
  }

  /** Replaces an argument's spelling (quote it yourself if needed: use {@link #quote}). */
  public static TextEdit replaceArg(Directive d, Arg arg, String raw) {
    return new TextEdit(d.file(), arg.span().start(), arg.span().end(), raw);
  }

  /**
   * Deletes an argument (not the directive's name) with the blanks before it; when it starts a
   * continuation line, the blanks after it go instead.
   */
  public static TextEdit removeArg(Directive d, Arg arg) {
    SourceFile f = d.file();
    int start = arg.span().start();
    int end = arg.span().end();
    int before = start;
    while (before > 0 && isBlank(f.byteAt(before - 1))) {
      before--;
    }
    if (before > 0 && f.byteAt(before - 1) != '\n' && f.byteAt(before - 1) != '\r') {
      return new TextEdit(f, before, end, "");
    }
    while (end < f.size() && isBlank(f.byteAt(end))) {
      end++;
    }
    return new TextEdit(f, start, end, "");
  }

  /** Appends an argument after the directive's last word. */
  public static TextEdit appendArg(Directive d, String raw) {
    List<Arg> args = d.args();
    Span last = args.isEmpty() ? d.nameSpan() : args.get(args.size() - 1).span();
    return new TextEdit(d.file(), last.end(), last.end(), " " + raw);
  }

  /** Deletes a directive; when it is alone on its line(s), the whole line goes. */
  public static TextEdit delete(Directive d) {
    SourceFile f = d.file();
    int start = d.span().start();
    int end = d.span().end();
    int lineStart = start;
    while (lineStart > 0 && isBlank(f.byteAt(lineStart - 1))) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < f.size() && isBlank(f.byteAt(lineEnd))) {
      lineEnd++;
    }
    boolean ownLineStart = lineStart == 0 || f.byteAt(lineStart - 1) == '\n';
    boolean ownLineEnd = lineEnd >= f.size() || f.byteAt(lineEnd) == '\n' || f.byteAt(lineEnd) == '\r';
    if (ownLineStart && ownLineEnd) {
      if (lineEnd < f.size() && f.byteAt(lineEnd) == '\r') {
        lineEnd++;
      }
      if (lineEnd < f.size() && f.byteAt(lineEnd) == '\n') {
        lineEnd++;
      }
      return new TextEdit(f, lineStart, lineEnd, "");
    }
    if (ownLineStart) {
      // "a; b;" or "a;  # note" deleting a: what follows takes a's place on the line
      return new TextEdit(f, start, lineEnd, "");
    }
    // "a; b;" deleting b: the blanks before it go too
    return new TextEdit(f, lineStart, end, "");
  }

  /**
   * Moves a directive, with a comment ending its line, to the end of {@code block} (after its
   * last child written in the block's file, which must come after {@code d}).
   */
  public static List<TextEdit> moveToEnd(Directive d, Directive block) {
    SourceFile f = d.file();
    int end = afterTrailingComment(f, d.span().end());
    if (end == d.span().end() || !startsLine(f, d.span().start())) {
      return List.of(delete(d), insertAtEnd(block, textOf(d)));
    }
    // alone on its line with its comment: the whole line goes
    int lineStart = d.span().start() - indentOf(d).length();
    int lineEnd = end;
    if (lineEnd < f.size() && f.byteAt(lineEnd) == '\r') {
      lineEnd++;
    }
    if (lineEnd < f.size() && f.byteAt(lineEnd) == '\n') {
      lineEnd++;
    }
    return List.of(new TextEdit(f, lineStart, lineEnd, ""), insertAtEnd(block, f.text(d.span().start(), end)));
  }

  /** Inserts an argument right after {@code arg} (e.g. a server parameter after the address). */
  public static TextEdit insertArgAfter(Directive d, Arg arg, String raw) {
    return new TextEdit(d.file(), arg.span().end(), arg.span().end(), " " + raw);
  }

  /**
   * Inserts {@code text} on a new line before {@code sibling} followed by an empty line, so it
   * reads as a paragraph of its own (e.g. a main-context directive before "events {").
   */
  public static TextEdit insertParagraphBefore(Directive sibling, String text) {
    TextEdit e = insertBefore(sibling, text);
    if (!startsLine(sibling.file(), sibling.span().start())) {
      return e;
    }
    return new TextEdit(e.file(), e.start(), e.end(), e.replacement() + eol(sibling.file()), e.caveat());
  }

  /**
   * Inserts a new block ({@code head} such as "upstream app", then {@code body} lines, one
   * level deeper) before {@code sibling}, with its indentation and an empty line after it.
   */
  public static TextEdit insertBlockBefore(Directive sibling, String head, List<String> body) {
    SourceFile f = sibling.file();
    String indent = indentOf(sibling);
    String nl = eol(f);
    String text = blockText(f, indent, head, body) + nl;
    Caveat c = caveat(sibling.parent(), sibling, head, true);
    if (startsLine(f, sibling.span().start())) {
      int at = aboveComments(f, sibling.span().start() - indent.length());
      // an empty line before it too, unless it opens its block or follows an empty line
      String before = at == 0 || lineBlankOrOpens(f, at) ? "" : nl;
      return new TextEdit(f, at, at, before + text + nl).with(c);
    }
    int at = sibling.span().start();
    return new TextEdit(f, at, at, nl + text + indent).with(c);
  }

  /** The start of the comment lines right above the line at {@code lineStart} (they belong to it), unless they open the file. */
  private static int aboveComments(SourceFile f, int lineStart) {
    int at = lineStart;
    while (at > 0) {
      int prev = at - 1; // the '\n' ending the line above
      int i = prev;
      while (i > 0 && f.byteAt(i - 1) != '\n') {
        i--;
      }
      int j = i;
      while (j < prev && isBlank(f.byteAt(j))) {
        j++;
      }
      if (j >= prev || f.byteAt(j) != '#') {
        break;
      }
      at = i;
    }
    return at == 0 ? lineStart : at;
  }

  /** True when the line above {@code lineStart} is empty or ends with '{'. */
  private static boolean lineBlankOrOpens(SourceFile f, int lineStart) {
    int i = lineStart - 1; // its '\n'
    while (i > 0 && (f.byteAt(i - 1) == '\r' || isBlank(f.byteAt(i - 1)))) {
      i--;
    }
    return i == 0 || f.byteAt(i - 1) == '\n' || f.byteAt(i - 1) == '{';
  }

  /** Inserts a new block after {@code sibling} (past a comment ending its line), an empty line between. */
  public static TextEdit insertBlockAfter(Directive sibling, String head, List<String> body) {
    SourceFile f = sibling.file();
    int at = afterTrailingComment(f, sibling.span().end());
    String nl = eol(f);
    return new TextEdit(f, at, at, nl + nl + blockText(f, indentOf(sibling), head, body))
        .with(caveat(sibling.parent(), sibling, head, true));
  }

  private static String blockText(SourceFile f, String indent, String head, List<String> body) {
    String nl = eol(f);
    StringBuilder b = new StringBuilder(indent).append(head).append(" {").append(nl);
    for (String line : body) {
      b.append(indent).append(indentUnit(f)).append(line).append(nl);
    }
    return b.append(indent).append('}').toString();
  }

  /** The directive's source text exactly as written (for moving or copying it). */
  public static String textOf(Directive d) {
    return d.file().text(d.span().start(), d.span().end());
  }

  /** nginx quoting for a value: bare when safe, else double quotes with escapes. */
  public static String quote(String value) {
    if (!value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == ';' || c == '{' || c == '}'
        || c == '"' || c == '\'' || c == '#' || c == '\\')) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---- layout facts ----

  /** The whitespace before a directive on its line (empty if something else precedes it). */
  public static String indentOf(Directive d) {
    SourceFile f = d.file();
    int start = d.span().start();
    int i = start;
    while (i > 0 && (f.byteAt(i - 1) == ' ' || f.byteAt(i - 1) == '\t')) {
      i--;
    }
    if (i > 0 && f.byteAt(i - 1) != '\n') {
      // not first on its line: one level deeper than the enclosing block's line
      Directive p = d.parent();
      return p != null && p.file() == f ? indentOf(p) + indentUnit(f) : "";
    }
    return f.rawText(i, start);
  }

  /** The file's line ending: CRLF if its first line ends so, else LF. */
  public static String eol(SourceFile f) {
    for (int i = 0; i < f.size(); i++) {
      if (f.byteAt(i) == '\n') {
        return i > 0 && f.byteAt(i - 1) == '\r' ? "\r\n" : "\n";
      }
    }
    return "\n";
  }

  /** One level of indentation as the file writes it: a tab, or the smallest step of spaces. */
  public static String indentUnit(SourceFile f) {
    // a scan of the whole file: once per file, not once per fix
    return f.derived(INDENT_UNIT, Edits::scanIndentUnit);
  }

  private static final Object INDENT_UNIT = new Object();

  private static String scanIndentUnit(SourceFile f) {
    int smallest = Integer.MAX_VALUE;
    boolean tabs = false;
    // only the blanks that start each line are read, not the whole file
    dev.nginxlint.model.LineIndex lines = f.lines();
    int size = f.size();
    for (int line = 1; line <= lines.lineCount() && smallest > 1; line++) {
      int i = lines.lineStart(line);
      int spaces = 0;
      while (i < size && f.byteAt(i) == ' ') {
        spaces++;
        i++;
      }
      if (i >= size) {
        break; // a last line of blanks only
      }
      byte b = f.byteAt(i);
      if (b == '\t') {
        if (spaces == 0) {
          tabs = true;
        }
      } else if (b != '\n' && b != '\r' && spaces > 0) {
        smallest = Math.min(smallest, spaces);
      }
    }
    if (tabs && smallest == Integer.MAX_VALUE) {
      return "\t";
    }
    return smallest == Integer.MAX_VALUE ? "    " : " ".repeat(Math.min(smallest, 8));
  }

  private static Directive lastChildInFile(Directive block) {
    List<Directive> kids = block.block();
    if (kids == null) {
      return null;
    }
    for (int i = kids.size() - 1; i >= 0; i--) {
      if (kids.get(i).file() == block.file()) {
        return kids.get(i);
      }
    }
    return null;
  }

  private static Directive firstChildInFile(Directive block) {
    List<Directive> kids = block.block();
    if (kids == null) {
      return null;
    }
    for (Directive k : kids) {
      if (k.file() == block.file()) {
        return k;
      }
    }
    return null;
  }

  private static boolean startsLine(SourceFile f, int offset) {
    int i = offset;
    while (i > 0 && (f.byteAt(i - 1) == ' ' || f.byteAt(i - 1) == '\t')) {
      i--;
    }
    return i == 0 || f.byteAt(i - 1) == '\n';
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  /**
   * As {@link #insertBefore}, but the new line goes in after the sibling's indentation, so it
   * lands after any {@link #insertBefore} at the same sibling applied in the same round.
   */
  public static TextEdit insertBeforeLast(Directive sibling, String text) {
    SourceFile f = sibling.file();
    int at = sibling.span().start();
    Caveat c = caveat(sibling.parent(), sibling, text, false);
    if (startsLine(f, at)) {
      return new TextEdit(f, at, at, text + eol(f) + indentOf(sibling)).with(c);
    }
    return new TextEdit(f, at, at, text + " ").with(c);
  }
}
