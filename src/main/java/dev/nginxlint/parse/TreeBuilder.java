package dev.nginxlint.parse;

import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Comment;
import dev.nginxlint.model.Quote;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import dev.nginxlint.model.Statement;
import dev.nginxlint.model.SyntaxError;
import dev.nginxlint.parse.antlr.NginxLexer;
import dev.nginxlint.parse.antlr.NginxLexerBase;
import dev.nginxlint.parse.antlr.NginxParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Nests the flat statements as ngx_conf_parse does, with an explicit stack (no recursion, so
 * any depth works), and stops at the first error with nginx's message at its exact position.
 */
final class TreeBuilder {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final SourceFile file;
  private final NginxLexerBase.LexError lexError;
  private final List<SyntaxError> errors = new ArrayList<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final List<Statement> top = new ArrayList<>();

  /** An open block: its head and the children read so far. */
  private static final class Frame {
    final Arg name;
    final List<Arg> args;
    final Span head;
    final List<Statement> children = new ArrayList<>();

    Frame(Arg name, List<Arg> args, Span head) {
      this.name = name;
      this.args = args;
      this.head = head;
    }
  }

  TreeBuilder(SourceFile file, NginxLexerBase.LexError lexError) {
    this.file = file;
    this.lexError = lexError;
  }

  void build(NginxParser.ConfigContext config, List<Token> tokens) {
    boolean stopped = false;
    for (NginxParser.StatementContext st : config.statement()) {
      if (!statement(st)) {
        stopped = true;
        break;
      }
    }
    if (!stopped) {
      if (lexError != null) {
        // the lexer stopped early; what looks like an unexpected end is that error
        errors.add(error(lexError.message(), lexError.offset(), lexError.offset() + 1));
      } else {
        atEnd(config.trailing.word());
      }
    }
    // keep what was read: open blocks are closed where reading stopped
    int end = file.size();
    while (!stack.isEmpty()) {
      closeFrame(null, end);
    }
    List<Comment> comments = new ArrayList<>();
    for (Token t : tokens) {
      if (t.getType() == NginxLexer.COMMENT) {
        int from = t.getStartIndex();
        int to = t.getStopIndex() + 1;
        comments.add(new Comment(utf8(file.rawText(from + 1, to)), file.lines().span(from, to)));
      }
    }
    file.add(top, errors, comments);
  }

  /** Handles one statement; false when nginx would stop here. */
  private boolean statement(NginxParser.StatementContext st) {
    List<NginxParser.WordContext> words = st.words().word();
    Token term = terminator(st);
    if (words.isEmpty()) {
      switch (term.getType()) {
        case NginxLexer.SEMI -> {
          return fail("unexpected \";\"", term);
        }
        case NginxLexer.LBRACE -> {
          return fail("unexpected \"{\"", term);
        }
        default -> {
          if (stack.isEmpty()) {
            return fail("unexpected \"}\"", term);
          }
          closeFrame(term, term.getStopIndex() + 1);
          return true;
        }
      }
    }
    List<Arg> args = new ArrayList<>(words.size());
    for (NginxParser.WordContext w : words) {
      Token t = ((TerminalNode) w.getChild(0)).getSymbol();
      String tooLong = tooLong(t);
      if (tooLong != null) {
        return fail(tooLong, t);
      }
      args.add(arg(t));
    }
    Arg name = args.remove(0);
    int start = name.span().start();
    switch (term.getType()) {
      case NginxLexer.SEMI -> {
        int end = term.getStopIndex() + 1;
        Span span = file.lines().span(start, end);
        add(new Statement(file, name, args, Statement.Terminator.SEMICOLON, null, span, span, null));
        return true;
      }
      case NginxLexer.LBRACE -> {
        Span head = file.lines().span(start, term.getStopIndex() + 1);
        TerminalNode raw = st.LUA_BODY();
        if (raw != null) {
          Token body = raw.getSymbol();
          int bodyEnd = body.getStopIndex(); // the closing '}'
          args.add(new Arg(utf8(file.rawText(body.getStartIndex(), bodyEnd)),
              utf8(file.rawText(term.getStartIndex(), bodyEnd + 1)), Quote.RAW_BLOCK,
              file.lines().span(term.getStartIndex(), bodyEnd + 1)));
          Span span = file.lines().span(start, bodyEnd + 1);
          add(new Statement(file, name, args, Statement.Terminator.RAW_BLOCK, null, span, head,
              file.lines().span(bodyEnd, bodyEnd + 1)));
          return true;
        }
        Frame parent = stack.peek();
        if (parent != null && Statement.isDataBlockName(parent.name.value())) {
          // map/geo/types bodies are entries for a handler, which takes no blocks (E62)
          return fail("unexpected \"{\"", term);
        }
        stack.push(new Frame(name, args, head));
        return true;
      }
      default -> {
        // a '}' ends a block only when no words are pending (E07, E08, E10)
        return fail("unexpected \"}\"", term);
      }
    }
  }

  /** End of file: words still pending, or blocks still open. */
  private void atEnd(List<NginxParser.WordContext> trailing) {
    int eof = file.size();
    if (!trailing.isEmpty()) {
      Token last = ((TerminalNode) trailing.get(trailing.size() - 1).getChild(0)).getSymbol();
      if (last.getType() == NginxLexer.UNTERMINATED
          && last.getStopIndex() - last.getStartIndex() >= NginxLexerBase.BUFFER - 1) {
        // nginx fills its buffer before it sees the end: a length error, usually a missing quote (E38c)
        char q = file.rawText(last.getStartIndex(), last.getStartIndex() + 1).charAt(0);
        errors.add(error("too long parameter, probably missing terminating \"" + q + "\" character",
            last.getStartIndex(), last.getStartIndex() + 1));
        return;
      }
      for (NginxParser.WordContext w : trailing) {
        Token t = ((TerminalNode) w.getChild(0)).getSymbol();
        String tooLong = t.getType() == NginxLexer.UNTERMINATED ? null : tooLong(t);
        if (tooLong != null) {
          fail(tooLong, t);
          return;
        }
      }
      errors.add(error("unexpected end of file, expecting \";\" or \"}\"", eof, eof));
      return;
    }
    if (!stack.isEmpty()) {
      errors.add(error("unexpected end of file, expecting \"}\"", eof, eof));
    }
  }

  /** nginx's 4 KB buffer limit for one token (§8): bare 4095 bytes, quoted content 4094. */
  private String tooLong(Token t) {
    int length = t.getStopIndex() - t.getStartIndex() + 1;
    boolean quoted = t.getType() == NginxLexer.DQUOTED || t.getType() == NginxLexer.SQUOTED;
    int limit = quoted ? NginxLexerBase.BUFFER + 1 : NginxLexerBase.BUFFER;
    if (length < limit) {
      return null;
    }
    if (quoted && length - 2 >= NginxLexerBase.BUFFER) {
      // the buffer filled while the quote was still open (E38c); at 4095 bytes of content only
      // the byte after the closing quote no longer fits, and that is the "started" message (E38b)
      char q = file.rawText(t.getStartIndex(), t.getStartIndex() + 1).charAt(0);
      return "too long parameter, probably missing terminating \"" + q + "\" character";
    }
    String text = file.rawText(t.getStartIndex() + (quoted ? 1 : 0), t.getStartIndex() + (quoted ? 11 : 10));
    return "too long parameter \"" + utf8(text) + "...\" started";
  }

  private void add(Statement s) {
    if (stack.isEmpty()) {
      top.add(s);
    } else {
      stack.peek().children.add(s);
    }
  }

  private void closeFrame(Token close, int end) {
    Frame f = stack.pop();
    Span span = file.lines().span(f.name.span().start(), end);
    Span closeSpan = close == null ? null : file.lines().span(close.getStartIndex(), close.getStopIndex() + 1);
    add(new Statement(file, f.name, f.args, Statement.Terminator.BLOCK, f.children, span, f.head, closeSpan));
  }

  private Arg arg(Token t) {
    int start = t.getStartIndex();
    int end = t.getStopIndex() + 1;
    String raw = file.rawText(start, end);
    Quote quote = switch (t.getType()) {
      case NginxLexer.DQUOTED -> Quote.DOUBLE;
      case NginxLexer.SQUOTED -> Quote.SINGLE;
      default -> Quote.NONE;
    };
    String value = Words.value(raw);
    if (start == 0 && startsWithBom()) {
      // nginx takes a BOM as part of the first name (E43); say so, and read the name without it
      errors.add(new SyntaxError("unknown directive \"\uFEFF" + utf8(value.substring(3))
          + "\": the file starts with a UTF-8 byte order mark (BOM), which nginx reads as part of"
          + " the first directive name; save the file without a BOM", file.lines().span(0, 3), false));
      value = value.substring(3);
      return new Arg(utf8(value), utf8(raw), quote, file.lines().span(3, end));
    }
    return new Arg(utf8(value), utf8(raw), quote, file.lines().span(start, end));
  }

  private boolean startsWithBom() {
    return file.size() >= 3 && file.byteAt(0) == BOM[0] && file.byteAt(1) == BOM[1] && file.byteAt(2) == BOM[2];
  }

  private static Token terminator(NginxParser.StatementContext st) {
    if (st.SEMI() != null) {
      return st.SEMI().getSymbol();
    }
    if (st.LBRACE() != null) {
      return st.LBRACE().getSymbol();
    }
    return st.RBRACE().getSymbol();
  }

  private boolean fail(String message, Token at) {
    errors.add(error(message, at.getStartIndex(), at.getStopIndex() + 1));
    return false;
  }

  private SyntaxError error(String message, int start, int end) {
    int s = Math.min(start, file.size());
    int e = Math.min(Math.max(end, s), file.size());
    return new SyntaxError(message, file.lines().span(s, e), true);
  }

  /** Byte string (one char per byte) to text, decoding UTF-8 leniently. */
  static String utf8(String bytes) {
    for (int i = 0; i < bytes.length(); i++) {
      if (bytes.charAt(i) >= 0x80) {
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return bytes;
  }
}
