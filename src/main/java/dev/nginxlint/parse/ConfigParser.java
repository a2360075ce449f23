package dev.nginxlint.parse;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.exec.Threads;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.parse.antlr.NginxLexer;
import dev.nginxlint.parse.antlr.NginxLexerBase;
import java.nio.file.Path;
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
 *
 * <p>Why {@link Tokens} is a hand-made single-writer buffer with a spin-then-park wait rather
 * than a queue: a big file (the 5,000-server bench file is 1.5 MB, 400,000 tokens) is lexed on a
 * helper while the tree is built here, and the two halves take about the same time, so the
 * reader catches up with the writer constantly. A blocking queue or a lock costs a handover per
 * chunk of 1,024 tokens on both sides; one volatile count published per chunk costs the writer
 * a store and the reader mostly a read, and the wait is a few spins before it parks for 20 µs.
 * Lexing first and building after (no buffer, no thread) is the simple form, and is what files
 * under 256 KB and one-core machines get; for big files it gives up the overlap of the two
 * halves, which is what the pipeline is for (issue 18 asked to simplify it if the speed allows:
 * it was kept, as the 5,000-server check had no margin to give). PipelinedParseTest holds the
 * pipelined parse to the sequential one, statement for statement and error for error.
 */
public final class ConfigParser {

  private ConfigParser() {}

  /**
   * Every token of one file, in order, hidden ones included (EOF excluded): type, start and
   * end, in chunks that are never moved (a file of n bytes has at most n tokens, so the chunk
   * tables are sized once). The lexer may fill them on another thread while the tree builder
   * reads: {@link #available} says how many may be read, and waits for more.
   */
  static final class Tokens {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final byte[][] types;
    private final int[][] starts;
    private final int[][] ends;
    /** Written by the lexer only. */
    private int count;
    /** What the reader may read while the lexer runs: set after each full chunk. */
    private volatile int published;
    /**
     * Every token's count once the lexer is done, else -1: one write says both that it is done
     * and how many there are, so a reader cannot see the one without the other.
     */
    private volatile int total = -1;
    private volatile Throwable failure;
    /** Set before total. */
    private NginxLexerBase.LexError lexError;

    Tokens(int inputBytes) {
      int chunks = (inputBytes >>> SHIFT) + 1;
      types = new byte[chunks][];
      starts = new int[chunks][];
      ends = new int[chunks][];
    }

    void add(int type, int start, int end) {
      int c = count >>> SHIFT;
      if (types[c] == null) {
        types[c] = new byte[CHUNK];
        starts[c] = new int[CHUNK];
        ends[c] = new int[CHUNK];
      }
      int k = count & MASK;
      types[c][k] = (byte) type;
      starts[c][k] = start;
      ends[c][k] = end;
      count++;
      if ((count & MASK) == 0) {
        published = count;
      }
    }

    void finish(NginxLexerBase.LexError error) {
      lexError = error;
      total = count;
    }

    void fail(Throwable t) {
      failure = t;
      total = count;
    }

    /**
     * How many tokens may be read, once more than {@code index} are there or the lexer is
     * done (then it may be fewer): the reader asks before it reads past what it saw before.
     */
    int available(int index) {
      for (int spins = 0; ; spins++) {
        int all = total;
        if (all >= 0) {
          Throwable t = failure;
          if (t instanceof RuntimeException r) {
            throw r;
          }
          if (t instanceof Error e) {
            throw e;
          }
          return all;
        }
        int some = published;
        if (some > index) {
          return some;
        }
        if (spins < 200) {
          Thread.onSpinWait();
        } else {
          java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
      }
    }

    /** The lexer's first error; only once {@link #available} has returned fewer than asked. */
    NginxLexerBase.LexError lexError() {
      return lexError;
    }

    int type(int i) {
      return types[i >>> SHIFT][i & MASK];
    }

    int start(int i) {
      return starts[i >>> SHIFT][i & MASK];
    }

    int end(int i) {
      return ends[i >>> SHIFT][i & MASK];
    }

    /** All starts (or ends) in one array, once the lexer is done. */
    private int[] flat(int[][] chunks) {
      int n = total;
      int[] out = new int[n];
      for (int c = 0; c * CHUNK < n; c++) {
        System.arraycopy(chunks[c], 0, out, c * CHUNK, Math.min(CHUNK, n - c * CHUNK));
      }
      return out;
    }

    int[] flatStarts() {
      return flat(starts);
    }

    int[] flatEnds() {
      return flat(ends);
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
    return parse(path, displayName, bytes, dev.nginxlint.model.Envsubst.NONE);
  }

  /**
   * As above; a template file ({@link dev.nginxlint.model.Envsubst#isTemplateName}) gets its
   * words' values rendered as the Docker image's envsubst would with {@code env}.
   */
  public static SourceFile parse(Path path, String displayName, byte[] bytes, dev.nginxlint.model.Envsubst env) {
    return parse(path, displayName, bytes, false, env);
  }

  /**
   * As above; a file big enough for {@code parallelism} ({@link Parallelism.Work#LEX}) is lexed
   * on a helper thread while the tree is built on this one.
   */
  public static SourceFile parse(Path path, String displayName, byte[] bytes, dev.nginxlint.model.Envsubst env,
      Parallelism parallelism) {
    return parse(path, displayName, bytes, parallelism.splits(Parallelism.Work.LEX, bytes.length), env);
  }

  static SourceFile parse(Path path, String displayName, byte[] bytes, boolean pipelined) {
    return parse(path, displayName, bytes, pipelined, dev.nginxlint.model.Envsubst.NONE);
  }

  /** As above; {@code pipelined}: lex on a helper thread (tests compare both ways). */
  static SourceFile parse(Path path, String displayName, byte[] bytes, boolean pipelined,
      dev.nginxlint.model.Envsubst env) {
    Tokens tokens = new Tokens(bytes.length);
    if (pipelined) {
      // the lexer and the statement reader each take about half of a big file's parse time;
      // the lexer starts first, while the line index is built here
      Threads.startDaemon("nginx-lint-lexer", () -> lex(bytes, displayName, tokens));
    } else {
      lex(bytes, displayName, tokens);
    }
    SourceFile file = new SourceFile(path, displayName, bytes);
    boolean template = dev.nginxlint.model.Envsubst.isTemplate(file);
    new TreeBuilder(file, template ? env : null).build(tokens);
    return file;
  }

  /** Cuts the file into tokens; a failure reaches the reader through {@link Tokens#available}. */
  private static void lex(byte[] bytes, String displayName, Tokens tokens) {
    try {
      // One char per byte: nothing is decoded, so every byte comes back and offsets are byte offsets.
      CodePointCharStream chars = CodePointCharStream.fromBuffer(
          CodePointBuffer.withBytes(java.nio.ByteBuffer.wrap(bytes)), displayName);
      NginxLexer lexer = new NginxLexer(chars);
      lexer.removeErrorListeners();
      lexer.setTokenFactory(new ReusedToken());
      for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
        tokens.add(t.getType(), t.getStartIndex(), t.getStopIndex() + 1);
      }
      tokens.finish(lexer.error());
    } catch (RuntimeException | Error e) {
      tokens.fail(e);
      throw e;
    }
  }
}
