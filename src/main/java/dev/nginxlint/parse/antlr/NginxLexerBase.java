package dev.nginxlint.parse.antlr;

import dev.nginxlint.parse.Words;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;

/**
 * The parts of nginx's tokenizer that a declarative lexer cannot express: knowing which
 * directive a '{' opens (for the Lua-aware scan of *_by_lua_block bodies, §13 of
 * nginx-lexer.md), the 4 KB token limit for comments, and stopping at the first lexical
 * error the way nginx does. After an error the rest of the file becomes one REST token on
 * the BROKEN channel, so printing all tokens still gives back every byte.
 */
public abstract class NginxLexerBase extends Lexer {

  /** Directives whose block body is handed raw to lua-nginx-module's own scanner. */
  public static final Set<String> LUA_BLOCK_DIRECTIVES = Set.of(
      "init_by_lua_block", "init_worker_by_lua_block", "exit_worker_by_lua_block",
      "set_by_lua_block", "server_rewrite_by_lua_block", "rewrite_by_lua_block",
      "access_by_lua_block", "content_by_lua_block", "precontent_by_lua_block",
      "header_filter_by_lua_block", "body_filter_by_lua_block", "log_by_lua_block",
      "balancer_by_lua_block", "ssl_certificate_by_lua_block", "ssl_client_hello_by_lua_block",
      "ssl_session_fetch_by_lua_block", "ssl_session_store_by_lua_block",
      "proxy_ssl_certificate_by_lua_block", "proxy_ssl_verify_by_lua_block");

  /** nginx's NGX_CONF_BUFFER: a token that fills it is rejected (§8). */
  public static final int BUFFER = 4096;

  /** The first lexical error: byte offset and nginx's message. */
  public record LexError(int offset, String message) {}

  private Set<String> rawBlockDirectives = LUA_BLOCK_DIRECTIVES;
  private int wordsInStatement;
  /** Offsets (inclusive) of the statement's first word: its text is needed only at a '{'. */
  private int firstWordStart;
  private int firstWordStop;
  private boolean rawBodyNext;
  private int rawBlockOpen;
  private LexError error;

  // nginx's 4 KB read buffer, as a window [windowStart, windowEnd) of file offsets. Lua long
  // brackets must close inside the window that holds them (E109, lua TEST-024), so the lexer
  // follows how ngx_conf_read_token and the Lua scanner refill it.
  private int windowStart;
  private int windowEnd = -1;
  private int prevType = -1;
  private int prevStart;
  private int prevEnd;
  private int prevPrevType = -1;
  private int prevPrevStart;

  protected NginxLexerBase(CharStream input) {
    super(input);
  }

  /** Cut the common tokens by hand (see {@link QuickTokens}); off only to compare the two. */
  private boolean quick = true;

  public void setQuickTokens(boolean on) {
    this.quick = on;
  }

  public void setRawBlockDirectives(Set<String> names) {
    this.rawBlockDirectives = names;
  }

  public LexError error() {
    return error;
  }

  @Override
  public Token nextToken() {
    if (rawBodyNext) {
      rawBodyNext = false;
      return scanRawBody();
    }
    Token t = quick ? quickToken() : null;
    if (t == null) {
      t = super.nextToken();
    }
    if (t.getType() != Token.EOF) {
      followCoreReader(t);
    }
    switch (t.getType()) {
      case NginxLexer.BARE, NginxLexer.DQUOTED, NginxLexer.SQUOTED, NginxLexer.UNTERMINATED -> {
        if (wordsInStatement++ == 0) {
          firstWordStart = t.getStartIndex();
          firstWordStop = t.getStopIndex();
        }
      }
      case NginxLexer.SEMI, NginxLexer.RBRACE -> wordsInStatement = 0;
      case NginxLexer.LBRACE -> {
        // nginx hands the body to the Lua module only when the '{' ends a *_by_lua_block statement
        rawBodyNext = wordsInStatement > 0 && rawBlockDirectives.contains(
            Words.value(_input.getText(org.antlr.v4.runtime.misc.Interval.of(firstWordStart, firstWordStop))));
        rawBlockOpen = t.getStartIndex();
        wordsInStatement = 0;
      }
      case NginxLexer.UNEXPECTED_AFTER_QUOTE -> {
        return fail(t.getStartIndex(), "unexpected \"" + t.getText() + "\"");
      }
      case NginxLexer.COMMENT -> {
        // nginx moves a pending token to the front of its buffer and refills it; a comment that
        // fills the whole buffer is too long, unless the file ends right there: nginx sees the
        // end of the file before it looks at the length
        if (t.getStopIndex() - t.getStartIndex() + 1 >= BUFFER && t.getStartIndex() + BUFFER < _input.size()) {
          return fail(t.getStartIndex(), "too long parameter \"" + t.getText().substring(0, 10) + "...\" started");
        }
      }
      default -> { }
    }
    return t;
  }

  /** The tokens {@link QuickTokens} cuts, or null when the grammar's rules must (another mode, the end). */
  private Token quickToken() {
    if (_mode != DEFAULT_MODE || !_modeStack.isEmpty() || _hitEOF) {
      return null;
    }
    return QuickTokens.next(_input, _factory, _tokenFactorySourcePair);
  }

  /** Records the error and returns the rest of the input as one hidden token. */
  private Token fail(int offset, String message) {
    return fail(offset, offset, message);
  }

  /** As above, with the error at {@code errorAt} and the hidden rest starting at {@code offset}. */
  private Token fail(int errorAt, int offset, String message) {
    if (error == null) {
      error = new LexError(errorAt, message);
    }
    int end = _input.size();
    _input.seek(end);
    _hitEOF = true;
    if (offset >= end) {
      return emitEOF();
    }
    return _factory.create(_tokenFactorySourcePair, NginxLexer.REST, null, NginxLexer.BROKEN,
        offset, end - 1, 0, 0);
  }

  /**
   * Moves the buffer window the way ngx_conf_read_token refills it: when the reader needs the
   * byte just past the buffer, the bytes from its pending token start are moved to the front
   * and the rest of the 4 KB is read. Which start is pending follows the reader's states (§8).
   */
  private void followCoreReader(Token t) {
    int n = _input.size();
    if (windowEnd < 0) {
      windowEnd = Math.min(n, BUFFER);
    }
    int s = t.getStartIndex();
    int e = t.getStopIndex() + 1;
    int type = t.getType();
    while (windowEnd < n && windowEnd < e && windowEnd >= s) {
      int from;
      if (windowEnd > s) {
        // the token runs across the buffer end
        if (type == NginxLexer.WS) {
          from = windowEnd - 1 == s && isWord(prevType) ? prevStart : windowEnd - 1;
        } else {
          from = s;
        }
      } else {
        // the buffer ends exactly after the previous token
        from = switch (prevType) {
          case NginxLexer.BARE, NginxLexer.DQUOTED, NginxLexer.SQUOTED, NginxLexer.UNTERMINATED,
              NginxLexer.COMMENT -> prevStart;
          case NginxLexer.WS -> prevEnd - prevStart == 1 && isWord(prevPrevType) ? prevPrevStart : windowEnd - 1;
          default -> windowEnd; // ';', '{', '}' or a Lua block ended the read: nothing pending
        };
      }
      int next = Math.min(n, from + BUFFER);
      if (next <= windowEnd) {
        break; // the token fills the buffer: the too-long error is reported for it
      }
      windowStart = from;
      windowEnd = next;
    }
    prevPrevType = prevType;
    prevPrevStart = prevStart;
    prevType = type;
    prevStart = s;
    prevEnd = e;
  }

  private static boolean isWord(int type) {
    return type == NginxLexer.BARE || type == NginxLexer.DQUOTED || type == NginxLexer.SQUOTED;
  }

  /** lua-nginx-module's refill: at the start of each Lua token, when less than half the buffer is left. */
  private void luaRefill(int callStart) {
    int n = _input.size();
    if (callStart >= windowEnd || (windowEnd - callStart < BUFFER / 2 && windowEnd < n)) {
      windowStart = callStart;
      windowEnd = Math.min(n, callStart + BUFFER);
    }
  }

  /**
   * lua-nginx-module's block scanner: finds the '}' that balances the '{', skipping Lua
   * strings (one line), long brackets and comments. The token spans the body and its '}'.
   * A long bracket must close inside the 4 KB buffer that holds its opening (E109, §13).
   */
  private Token scanRawBody() {
    CharStream in = _input;
    int start = in.index();
    int n = in.size();
    if (windowEnd < 0) {
      windowEnd = Math.min(n, BUFFER);
    }
    int p = start;
    int callStart = start; // where the Lua scanner's current token search began
    int level = 1;
    while (true) {
      if (p >= n) {
        return fail(start, "unexpected end of file, expecting terminating characters for lua code block");
      }
      int c = in.LA(p - in.index() + 1);
      if (c == '{' || c == '}') {
        luaRefill(callStart);
        callStart = p + 1;
        if (c == '{') {
          level++;
        } else if (--level == 0) {
          break;
        }
        p++;
      } else if (c == '[' && longBracketLevel(p) >= 0) {
        luaRefill(callStart);
        int lvl = longBracketLevel(p);
        int close = closeLongBracket(p, lvl);
        if (close < 0 || close > windowEnd) {
          return fail(p, start, missingBracket(lvl));
        }
        p = close;
        callStart = p;
      } else if (c == '-' && charAt(p + 1) == '-') {
        luaRefill(callStart);
        if (charAt(p + 2) == '[' && longBracketLevel(p + 2) >= 0) {
          int lvl = longBracketLevel(p + 2);
          int close = closeLongBracket(p + 2, lvl);
          if (close < 0 || close > windowEnd) {
            return fail(p, start, missingBracket(lvl));
          }
          p = close;
        } else {
          while (p < n && charAt(p) != '\n') {
            p++;
          }
        }
        callStart = p;
      } else if (c == '"' || c == '\'') {
        int after = skipLuaString(p, c);
        if (after > p + 1) {
          luaRefill(callStart);
          callStart = after;
        }
        p = after;
      } else {
        p++;
      }
    }
    in.seek(p + 1);
    prevType = NginxLexer.LUA_BODY;
    prevStart = start;
    prevEnd = p + 1;
    return _factory.create(_tokenFactorySourcePair, NginxLexer.LUA_BODY, null, Token.DEFAULT_CHANNEL,
        start, p, 0, 0);
  }

  /** nginx names the closing bracket it looked for: "]]", "]=]", "]==]"... */
  private static String missingBracket(int level) {
    return "Lua code block missing the closing long bracket \"]" + "=".repeat(level)
        + "]\", the inlined Lua code may be too long";
  }

  private int charAt(int i) {
    return i < _input.size() ? _input.LA(i - _input.index() + 1) : -1;
  }

  /** For '[' '='* '[' at p: the number of '='; otherwise -1. */
  private int longBracketLevel(int p) {
    int i = p + 1;
    while (charAt(i) == '=') {
      i++;
    }
    return charAt(i) == '[' ? i - p - 1 : -1;
  }

  /** The index just past the ']' '='{level} ']' that closes the long bracket opened at p, or -1. */
  private int closeLongBracket(int p, int level) {
    int i = p + level + 2;
    int n = _input.size();
    while (i < n) {
      if (charAt(i) == ']') {
        int j = i + 1;
        int eq = 0;
        while (charAt(j) == '=') {
          j++;
          eq++;
        }
        if (eq == level && charAt(j) == ']') {
          return j + 1;
        }
      }
      i++;
    }
    return -1;
  }

  /** A Lua string on one line; an unterminated one is skipped as a single byte (E84). */
  private int skipLuaString(int p, int quote) {
    int i = p + 1;
    int n = _input.size();
    while (i < n) {
      int c = charAt(i);
      if (c == '\n') {
        return p + 1;
      }
      if (c == '\\' && i + 1 < n && charAt(i + 1) != '\n') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      i++;
    }
    return p + 1;
  }
}
