package dev.nginxlint.parse;

import dev.nginxlint.model.SourceFile;
import dev.nginxlint.parse.antlr.NginxLexer;
import dev.nginxlint.parse.antlr.NginxLexerBase;
import java.nio.file.Path;
import java.util.Arrays;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Reads one file's bytes into a {@link SourceFile}: tokens as nginx's tokenizer cuts them,
 * statements nested as nginx nests them, and the first error nginx would stop at.
 *
 * <p>Only the lexer is ANTLR: its tokens go straight into three compact arrays (type, start,
 * end; no token objects or parse tree are kept), which the {@link TreeBuilder} reads.
 */
public final class ConfigParser {

  private ConfigParser() {}

  /** Every token of one file, in order, hidden ones included (EOF excluded). */
  static final class Tokens {
    int count;
    byte[] types;
    int[] starts;
    int[] ends;

    Tokens(int capacity) {
      types = new byte[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
    }

    void add(int type, int start, int end) {
      if (count == starts.length) {
        int n = Math.max(16, count + (count >> 1));
        types = Arrays.copyOf(types, n);
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
      }
      types[count] = (byte) type;
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }

  /**
   * A token factory that hands out one token object, refilled for each token: the loop in
   * {@link #parse} copies what it needs before it asks for the next, and nothing else keeps
   * tokens, so no token object per token is allocated.
   */
  private static final class ReusedToken extends CommonToken implements TokenFactory<CommonToken> {
    ReusedToken() {
      super(Token.INVALID_TYPE);
    }

    @Override
    public CommonToken create(Pair<TokenSource, CharStream> from, int kind, String txt, int chan,
        int startIndex, int stopIndex, int ln, int column) {
      source = from;
      type = kind;
      text = txt;
      channel = chan;
      start = startIndex;
      stop = stopIndex;
      line = ln;
      charPositionInLine = column;
      index = -1;
      return this;
    }

    @Override
    public CommonToken create(int kind, String txt) {
      return create(EMPTY_SOURCE, kind, txt, DEFAULT_CHANNEL, -1, -1, 0, -1);
    }
  }

  public static SourceFile parse(Path path, String displayName, byte[] bytes) {
    // One char per byte: nothing is decoded, so every byte comes back and offsets are byte offsets.
    CodePointCharStream chars = CodePointCharStream.fromBuffer(
        CodePointBuffer.withBytes(java.nio.ByteBuffer.wrap(bytes)), displayName);
    NginxLexer lexer = new NginxLexer(chars);
    lexer.removeErrorListeners();
    lexer.setTokenFactory(new ReusedToken());
    // about one token per 5 bytes in typical configs (words and the blanks between them)
    Tokens tokens = new Tokens(Math.max(16, bytes.length / 5));
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      tokens.add(t.getType(), t.getStartIndex(), t.getStopIndex() + 1);
    }
    int[] starts = Arrays.copyOf(tokens.starts, tokens.count);
    int[] ends = Arrays.copyOf(tokens.ends, tokens.count);
    tokens.starts = starts;
    tokens.ends = ends;
    SourceFile file = new SourceFile(path, displayName, bytes, starts, ends);
    NginxLexerBase.LexError lexError = lexer.error();
    new TreeBuilder(file, lexError).build(tokens);
    return file;
  }
}
