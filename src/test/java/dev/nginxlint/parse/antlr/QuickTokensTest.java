package dev.nginxlint.parse.antlr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.parse.Corpus;
import dev.nginxlint.parse.LexerEdgeCaseTest;
import dev.nginxlint.parse.RobustnessTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * The lexer cuts the common tokens by hand ({@link QuickTokens}) and leaves the rest to the
 * rules generated from grammar/NginxLexer.g4: both ways must give the same tokens (type,
 * channel, offsets) and the same lexical error, byte for byte of every input.
 */
class QuickTokensTest {

  /** Every token of the input as "type/channel/start-stop", then the lexical error, if any. */
  private static List<String> tokens(byte[] input, boolean quick) {
    NginxLexer lexer = new NginxLexer(CharStreams.fromString(new String(input, StandardCharsets.ISO_8859_1), "t"));
    lexer.removeErrorListeners();
    lexer.setQuickTokens(quick);
    List<String> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      out.add(t.getType() + "/" + t.getChannel() + "/" + t.getStartIndex() + "-" + t.getStopIndex());
    }
    out.add("error " + lexer.error());
    return out;
  }

  private static void same(byte[] input, String what, List<String> problems) {
    List<String> slow = tokens(input, false);
    List<String> fast = tokens(input, true);
    if (!slow.equals(fast)) {
      int i = 0;
      while (i < Math.min(slow.size(), fast.size()) && slow.get(i).equals(fast.get(i))) {
        i++;
      }
      problems.add(what + ": token " + i + " is " + (i < fast.size() ? fast.get(i) : "missing")
          + ", the grammar's rules give " + (i < slow.size() ? slow.get(i) : "none"));
    }
  }

  @Test
  void corpusFilesLexTheSameBothWays() {
    List<String> problems = new ArrayList<>();
    int files = 0;
    for (Corpus.Entry e : Corpus.entries()) {
      same(Corpus.read(e), e.path(), problems);
      files++;
    }
    assertTrue(files > 1000, "corpus files read: " + files);
    assertEquals(List.of(), problems);
  }

  @Test
  void edgeCasesLexTheSameBothWays() {
    List<String> problems = new ArrayList<>();
    List<String> texts = LexerEdgeCaseTest.caseTexts();
    for (String text : texts) {
      same(text.getBytes(StandardCharsets.UTF_8), text, problems);
    }
    assertTrue(texts.size() > 100, "edge cases: " + texts.size());
    assertEquals(List.of(), problems);
  }

  @Test
  void trickyWordsLexTheSameBothWays() {
    String[] samples = {
        "a${b}c;", "$${x};", "${", "${{", "a$ {", "x$;", "a}b;", "a#b;", "#c", "#", "a\\", "\\",
        "a\\ b;", "\\$ {", "a\\${b};", "'x'y;", "\"a\"{", "\"a\")b;", "k v\r\n", "a{b}", "}}", "{;}",
        "\t\t\n", "x\u00e9y;", "a\"b\"c;", "location ~ ^/(a|b)${ }", "a $", "$", "a$\n{",
        "content_by_lua_block { ngx.say('}') }", "x;\n# end"};
    List<String> problems = new ArrayList<>();
    for (String s : samples) {
      same(s.getBytes(StandardCharsets.UTF_8), s, problems);
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void randomInputsOfSpecialBytesLexTheSameBothWays() {
    byte[] alphabet = " \t\r\n;{}#\"'\\$()[]=-ab\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    Random rnd = new Random(20261203L);
    List<String> problems = new ArrayList<>();
    for (int k = 0; k < 20_000 && problems.size() < 10; k++) {
      byte[] in = new byte[rnd.nextInt(40)];
      for (int i = 0; i < in.length; i++) {
        in[i] = alphabet[rnd.nextInt(alphabet.length)];
      }
      same(in, "random input " + k + " " + new String(in, StandardCharsets.ISO_8859_1), problems);
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void corpusMutantsLexTheSameBothWays() {
    List<byte[]> seeds = RobustnessTest.mutationSeeds();
    Random rnd = new Random(31L);
    List<String> problems = new ArrayList<>();
    for (int k = 0; k < 2000 && problems.size() < 10; k++) {
      same(RobustnessTest.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd), "mutant " + k, problems);
    }
    assertEquals(List.of(), problems);
  }
}
