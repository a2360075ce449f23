package dev.nginxlint.parse;
import dev.nginxlint.parse.antlr.*;
import org.antlr.v4.runtime.*;
import org.antlr.v4.runtime.atn.PredictionMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
class TmpProfileTest {
  @Test void profile() throws Exception {
    byte[] in = RobustnessTest.big(50 << 20);
    for (int round = 0; round < 2; round++) {
    long t0 = System.nanoTime();
    CodePointCharStream chars = CharStreams.fromString(new String(in, StandardCharsets.ISO_8859_1), "x");
    NginxLexer lexer = new NginxLexer(chars);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    long t1 = System.nanoTime();
    NginxParser parser = new NginxParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.config();
    long t2 = System.nanoTime();
    var f = ConfigParser.parse(java.nio.file.Path.of("x"), "x", in);
    long t3 = System.nanoTime();
    System.out.printf("lex %d ms, parse %d ms, full %d ms%n", (t1-t0)/1000000, (t2-t1)/1000000, (t3-t2)/1000000);
    }
  }
}
