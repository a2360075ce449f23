package dev.nginxlint.parse.antlr;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The fast twin of the grammar's default-mode rules (grammar/NginxLexer.g4, which stays the
 * readable spec): the tokens that make up nearly every file (whitespace, comments, ';', '{',
 * '}' and bare words without '\\'), cut by a plain scan instead of the ATN simulator, which
 * costs several times as much per byte. They are exactly the tokens the rules WS, COMMENT, SEMI,
 * LBRACE, RBRACE and BARE give; QuickTokensTest (beside it in the tests) compares
 * both ways over the corpus, the edge cases and mutants. Null leaves the token to the generated
 * lexer: quotes and the mode after them, escapes, the end of the input.
 */
final class QuickTokens {
  private QuickTokens() {}

  /** The next token at the stream's position (the stream is moved past it), or null. */
  static Token next(CharStream in, TokenFactory<?> factory, Pair<TokenSource, CharStream> source) {
    int start = in.index();
    int n = in.size();
    if (start >= n) {
      return null;
    }
    int end = start + 1;
    int type;
    int channel = Token.DEFAULT_CHANNEL;
    switch (in.LA(1)) {
      case ' ', '\t', '\r', '\n' -> {
        while (end < n && isBlank(in.LA(end - start + 1))) {
          end++;
        }
        type = NginxLexer.WS;
        channel = NginxLexer.TRIVIA;
      }
      case '#' -> {
        while (end < n && in.LA(end - start + 1) != '\n') {
          end++;
        }
        type = NginxLexer.COMMENT;
        channel = NginxLexer.TRIVIA;
      }
      case ';' -> type = NginxLexer.SEMI;
      case '{' -> type = NginxLexer.LBRACE;
      case '}' -> type = NginxLexer.RBRACE;
      case '"', '\'', '\\' -> {
        return null;
      }
      default -> {
        // BARE: up to whitespace, ';' or a '{' that does not follow a '$'
        int prev = in.LA(1);
        scan:
        while (end < n) {
          int c = in.LA(end - start + 1);
          switch (c) {
            case ' ', '\t', '\r', '\n', ';' -> {
              break scan;
            }
            case '\\' -> {
              return null;
            }
            case '{' -> {
              if (prev != '$') {
                break scan;
              }
            }
            default -> { }
          }
          prev = c;
          end++;
        }
        type = NginxLexer.BARE;
      }
    }
    in.seek(end);
    return factory.create(source, type, null, channel, start, end - 1, 0, 0);
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
