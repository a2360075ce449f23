package dev.nginxlint.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Big files are lexed on a helper thread while the statements are read (ConfigParser): the
 * result must be that of the sequential parse, statement for statement, error for error.
 */
class PipelinedParseTest {

  /** What a parse produced, as text: every statement (name, args, spans), errors, comments, tokens. */
  private static String describe(SourceFile f) {
    StringBuilder sb = new StringBuilder();
    for (Statement s : Parsed.all(f)) {
      sb.append(s.name()).append(' ').append(s.args()).append(' ').append(s.span()).append(' ')
          .append(s.headSpan()).append(' ').append(s.closeSpan()).append(' ').append(s.terminator()).append('\n');
    }
    sb.append(f.errors()).append('\n').append(f.comments()).append('\n').append(f.tokenCount());
    return sb.toString();
  }

  private static byte[] bigInput(Random rnd) {
    List<byte[]> seeds = new ArrayList<>();
    for (Corpus.Entry e : Corpus.entries()) {
      byte[] b = e.bytes() < 50_000 ? Corpus.read(e) : null;
      // files that parse cleanly, so that only the mutations put errors in
      if (b != null && !Parsed.parse(b).hasErrors()) {
        seeds.add(b);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < 600_000) {
      byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
      out.write(seed, 0, seed.length);
      out.write('\n');
    }
    return out.toByteArray();
  }

  @Test
  void pipelinedParseEqualsSequentialParse() {
    Random rnd = new Random(1203L);
    byte[] big = bigInput(rnd);
    int withErrors = 0;
    for (int k = 0; k < 12; k++) {
      // the plain concatenation first, then mutants (errors at random places, also near the end)
      byte[] in = k == 0 ? big : RobustnessTest.mutate(big, rnd);
      SourceFile seq = ConfigParser.parse(Path.of("big.conf"), "big.conf", in, false);
      SourceFile pipe = ConfigParser.parse(Path.of("big.conf"), "big.conf", in, true);
      assertEquals(describe(seq), describe(pipe), "input " + k);
      assertTrue(java.util.Arrays.equals(in, pipe.print()), "input " + k + " prints back");
      if (k == 0) {
        assertTrue(!seq.hasErrors() && Parsed.all(seq).size() > 1_000, "the clean input parses whole: " + seq.errors());
      }
      withErrors += seq.hasErrors() ? 1 : 0;
    }
    System.out.println("PipelinedParseTest: 12 inputs of 600 KB, " + withErrors + " with a fatal error");
  }

  @Test
  void aLexerThatStopsAtAnErrorEndsThePipeline() {
    // an unterminated quote: the lexer runs to the end of the file and the reader reports it
    byte[] in = Parsed.bytes("events {}\nhttp {\n" + "    server { listen 80; }\n".repeat(20_000) + "    x \"never closed\n}\n");
    SourceFile seq = ConfigParser.parse(Path.of("big.conf"), "big.conf", in, false);
    SourceFile pipe = ConfigParser.parse(Path.of("big.conf"), "big.conf", in, true);
    assertTrue(seq.hasErrors());
    assertEquals(describe(seq), describe(pipe));
  }

  /**
   * The same big file, pipelined, many times: every run must give the sequential parse, the
   * last tokens included (the end-of-file hand-over). A stress test of thread timing; the
   * hand-over itself is one volatile write that carries both "done" and the count.
   */
  @Test
  void theLastTokensAreNeverLost() {
    byte[] in = Parsed.bytes("events {}\nhttp {\n" + "    server { listen 80; server_name a; }\n".repeat(8_000) + "}\n");
    String expected = describe(ConfigParser.parse(Path.of("big.conf"), "big.conf", in, false));
    for (int k = 0; k < 60; k++) {
      assertEquals(expected, describe(ConfigParser.parse(Path.of("big.conf"), "big.conf", in, true)), "run " + k);
    }
  }
}
