package dev.nginxlint.parse;

import dev.nginxlint.model.Arg;
import dev.nginxlint.model.Comment;
import dev.nginxlint.model.Quote;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.model.SyntaxError;
import dev.nginxlint.parse.antlr.NginxLexer;
import dev.nginxlint.parse.antlr.NginxLexerBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * nginx's statement reader (ngx_conf_parse) over the lexer's tokens. nginx reads a configuration
 * as a flat sequence of statements, each a list of words ended by ';' (simple directive), '{'
 * (block start, followed by the raw body of a *_by_lua_block) or '}' (block end, only with no
 * words); in grammar form, over the tokens of the default channel:
 * <pre>
 * config    : statement* word* EOF ;
 * statement : word* ( SEMI | LBRACE LUA_BODY? | RBRACE ) ;
 * word      : BARE | DQUOTED | SQUOTED | UNTERMINATED ;
 * </pre>
 * This class reads that sequence in one pass and nests the statements as nginx does, with an
 * explicit stack (no recursion, so any depth works), and stops at the first error with nginx's
 * message at its exact position. Tokens are indices into {@link ConfigParser.Tokens}.
 */
final class TreeBuilder {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final SourceFile file;
  private final List<SyntaxError> errors = new ArrayList<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final List<Statement> top = new ArrayList<>();

  /** An open block: its head and the children read so far. */
  private static final class Frame {
    final Arg name;
    final List<Arg> args;
    /** Where the head ends (after its '{'). */
    final int headEnd;
    final List<Statement> children = new ArrayList<>();

    Frame(Arg name, List<Arg> args, int headEnd) {
      this.name = name;
      this.args = args;
      this.headEnd = headEnd;
    }
  }

  /** No byte above 0x7F: every word is its own text, with nothing to decode. */
  private final boolean ascii;

  /** A template's renderer (its words' values are what envsubst makes of them), else null. */
  private final dev.nginxlint.model.Envsubst template;

  TreeBuilder(SourceFile file) {
    this(file, null);
  }

  TreeBuilder(SourceFile file, dev.nginxlint.model.Envsubst template) {
    this.file = file;
    this.ascii = file.lines().isAscii();
    this.template = template;
  }

  private ConfigParser.Tokens tokens;

  void build(ConfigParser.Tokens tokens) {
    this.tokens = tokens;
    // tokens [0, n) may be read; n grows while the lexer runs ahead on another thread
    int n = tokens.available(0);
    boolean stopped = false;
    // the words of the statement being read: token indices
    int[] words = new int[16];
    int wordCount = 0;
    // the comment tokens met on the way (one pass over the tokens instead of two)
    int[] commentTokens = new int[16];
    int commentCount = 0;
    int i = 0; // tokens [0, i) have been read
    for (; !stopped; i++) {
      if (i + 1 >= n) {
        // the token and the one after it (a Lua body follows its '{' at once)
        n = tokens.available(i + 1);
        if (i >= n) {
          break;
        }
      }
      switch (tokens.type(i)) {
        case NginxLexer.BARE, NginxLexer.DQUOTED, NginxLexer.SQUOTED, NginxLexer.UNTERMINATED -> {
          if (wordCount == words.length) {
            words = java.util.Arrays.copyOf(words, wordCount * 2);
          }
          words[wordCount++] = i;
        }
        case NginxLexer.SEMI, NginxLexer.LBRACE, NginxLexer.RBRACE -> {
          // the lexer emits a Lua body only straight after the '{' that opens it
          int body = tokens.type(i) == NginxLexer.LBRACE && i + 1 < n && tokens.type(i + 1) == NginxLexer.LUA_BODY
              ? i + 1 : -1;
          if (!statement(words, wordCount, i, body)) {
            stopped = true;
          }
          wordCount = 0;
          if (body >= 0) {
            i++;
          }
        }
        case NginxLexer.COMMENT -> {
          if (commentCount == commentTokens.length) {
            commentTokens = java.util.Arrays.copyOf(commentTokens, commentCount * 2);
          }
          commentTokens[commentCount++] = i;
        }
        default -> { /* whitespace, the hidden rest after a lexical error */ }
      }
    }
    n = tokens.available(Integer.MAX_VALUE); // the whole file, from here on
    NginxLexerBase.LexError lexError = tokens.lexError();
    if (!stopped) {
      if (lexError != null) {
        // the lexer stopped early; what looks like an unexpected end is that error
        errors.add(error(lexError.message(), lexError.offset(), lexError.offset() + 1));
      } else {
        atEnd(words, wordCount);
      }
    }
    // keep what was read: open blocks are closed where reading stopped
    int end = file.size();
    while (!stack.isEmpty()) {
      closeFrame(-1, end);
    }
    // every comment of the file, those after where reading stopped too
    List<Comment> comments = new ArrayList<>(commentCount);
    for (int k = 0; k < commentCount; k++) {
      comments.add(comment(commentTokens[k]));
    }
    for (int t = i; t < n; t++) {
      if (tokens.type(t) == NginxLexer.COMMENT) {
        comments.add(comment(t));
      }
    }
    file.add(top, errors, comments, tokens.flatStarts(), tokens.flatEnds());
  }

  private Comment comment(int t) {
    int from = tokens.start(t);
    int to = tokens.end(t);
    return new Comment(utf8(file.rawText(from + 1, to)), file.lines().span(from, to));
  }

  private int type(int t) {
    return tokens.type(t);
  }

  private int start(int t) {
    return tokens.start(t);
  }

  /** Exclusive end offset of token t. */
  private int end(int t) {
    return tokens.end(t);
  }

  /**
   * Handles one statement: {@code count} words (token indices), the terminator token
   * {@code term} and, for a raw Lua block, its body token (else -1); false when nginx would
   * stop here.
   */
  private boolean statement(int[] words, int count, int term, int body) {
    if (count == 0) {
      switch (type(term)) {
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
          closeFrame(term, end(term));
          return true;
        }
      }
    }
    List<Arg> args = new ArrayList<>(count);
    Arg name = null;
    for (int k = 0; k < count; k++) {
      int t = words[k];
      String tooLong = tooLong(t);
      if (tooLong != null) {
        return fail(tooLong, t);
      }
      if (k == 0) {
        name = arg(t, true);
      } else {
        args.add(arg(t, false));
      }
    }
    int start = name.start();
    switch (type(term)) {
      case NginxLexer.SEMI -> {
        add(new Statement(file, name, args, Statement.Terminator.SEMICOLON, null, start, end(term), end(term), -1));
        return true;
      }
      case NginxLexer.LBRACE -> {
        int headEnd = end(term);
        if (body >= 0) {
          int bodyEnd = end(body) - 1; // the closing '}'
          args.add(new Arg(utf8(file.rawText(start(body), bodyEnd)),
              utf8(file.rawText(start(term), bodyEnd + 1)), Quote.RAW_BLOCK,
              file.lines(), start(term), bodyEnd + 1));
          add(new Statement(file, name, args, Statement.Terminator.RAW_BLOCK, null, start, bodyEnd + 1, headEnd,
              bodyEnd));
          return true;
        }
        Frame parent = stack.peek();
        if (parent != null && Statement.isDataBlockName(parent.name.value())) {
          // map/geo/types bodies are entries for a handler, which takes no blocks (E62)
          return fail("unexpected \"{\"", term);
        }
        stack.push(new Frame(name, args, headEnd));
        return true;
      }
      default -> {
        // a '}' ends a block only when no words are pending (E07, E08, E10)
        return fail("unexpected \"}\"", term);
      }
    }
  }

  /** Directive names, one String each (interned: equals with a literal is then identity). */
  private final java.util.Map<String, String> names = new java.util.HashMap<>();

  /**
   * A word as an Arg; a name word gets the value shared by every statement of that name (a big
   * file has tens of thousands of statements but a few dozen names, and rules compare names
   * constantly), and so does its raw spelling when it is the same text.
   */
  private Arg word(String value, String raw, Quote quote, int start, int end, boolean name) {
    if (template != null && !name && value.indexOf('$') >= 0) {
      // the value rules read; raw text and offsets stay the template's own
      String rendered = template.render(value);
      if (!rendered.equals(value)) {
        file.markRendered(start, end, template.leavesUnset(value));
        value = rendered;
      }
    }
    if (name) {
      String v = names.computeIfAbsent(value, String::intern);
      raw = raw.equals(v) ? v : raw;
      value = v;
    }
    return new Arg(value, raw, quote, file.lines(), start, end);
  }

  /** End of file: words still pending, or blocks still open. */
  private void atEnd(int[] trailing, int count) {
    int eof = file.size();
    if (count > 0) {
      int last = trailing[count - 1];
      if (type(last) == NginxLexer.UNTERMINATED
          && end(last) - 1 - start(last) >= NginxLexerBase.BUFFER - 1) {
        // nginx fills its buffer before it sees the end: a length error, usually a missing quote (E38c)
        char q = file.rawText(start(last), start(last) + 1).charAt(0);
        errors.add(error("too long parameter, probably missing terminating \"" + q + "\" character",
            start(last), start(last) + 1));
        return;
      }
      for (int k = 0; k < count; k++) {
        int t = trailing[k];
        String tooLong = type(t) == NginxLexer.UNTERMINATED ? null : tooLong(t);
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
  private String tooLong(int t) {
    int length = end(t) - start(t);
    boolean quoted = type(t) == NginxLexer.DQUOTED || type(t) == NginxLexer.SQUOTED;
    int limit = quoted ? NginxLexerBase.BUFFER + 1 : NginxLexerBase.BUFFER;
    if (length < limit) {
      return null;
    }
    if (quoted && length - 2 >= NginxLexerBase.BUFFER) {
      // the buffer filled while the quote was still open (E38c); at 4095 bytes of content only
      // the byte after the closing quote no longer fits, and that is the "started" message (E38b)
      char q = file.rawText(start(t), start(t) + 1).charAt(0);
      return "too long parameter, probably missing terminating \"" + q + "\" character";
    }
    String text = file.rawText(start(t) + (quoted ? 1 : 0), start(t) + (quoted ? 11 : 10));
    return "too long parameter \"" + utf8(text) + "...\" started";
  }

  private void add(Statement s) {
    if (stack.isEmpty()) {
      top.add(s);
    } else {
      stack.peek().children.add(s);
    }
  }

  /** Closes the innermost block at {@code close}, a '}' token (-1: where reading stopped). */
  private void closeFrame(int close, int end) {
    Frame f = stack.pop();
    // (a '}' token ends where the block ends)
    add(new Statement(file, f.name, f.args, Statement.Terminator.BLOCK, f.children, f.name.start(), end, f.headEnd,
        close < 0 ? -1 : start(close)));
  }

  private Arg arg(int t, boolean name) {
    int start = start(t);
    int end = end(t);
    String raw = file.rawText(start, end);
    Quote quote = switch (type(t)) {
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
      return word(utf8(value), utf8(raw), quote, 3, end, name);
    }
    if (ascii) {
      return word(value, raw, quote, start, end, name);
    }
    String rawText = utf8(raw);
    // a bare word without escapes is its own value (the same String): decoded once
    return word(value == raw ? rawText : utf8(value), rawText, quote, start, end, name);
  }

  private boolean startsWithBom() {
    return file.size() >= 3 && file.byteAt(0) == BOM[0] && file.byteAt(1) == BOM[1] && file.byteAt(2) == BOM[2];
  }

  private boolean fail(String message, int at) {
    errors.add(error(message, start(at), end(at)));
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
