package dev.nginxlint.parse;

import dev.nginxlint.model.SourceFile;
import dev.nginxlint.parse.antlr.NginxLexer;
import dev.nginxlint.parse.antlr.NginxLexerBase;
import dev.nginxlint.parse.antlr.NginxParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Reads one file's bytes into a {@link SourceFile}: tokens as nginx's tokenizer cuts them,
 * statements nested as nginx nests them, and the first error nginx would stop at.
 */
public final class ConfigParser {

  private ConfigParser() {}

  public static SourceFile parse(Path path, String displayName, byte[] bytes) {
    // One char per byte: nothing is decoded, so every byte comes back and offsets are byte offsets.
    CodePointCharStream chars = CharStreams.fromString(
        new String(bytes, StandardCharsets.ISO_8859_1), displayName);
    NginxLexer lexer = new NginxLexer(chars);
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();

    NginxParser parser = new NginxParser(tokens);
    parser.removeErrorListeners();
    // The grammar is flat and unambiguous: SLL prediction is exact and much faster.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    NginxParser.ConfigContext config = parser.config();

    List<Token> all = tokens.getTokens();
    int count = all.size() - 1; // the last token is EOF
    int[] starts = new int[count];
    int[] ends = new int[count];
    for (int i = 0; i < count; i++) {
      Token t = all.get(i);
      starts[i] = t.getStartIndex();
      ends[i] = t.getStopIndex() + 1;
    }
    SourceFile file = new SourceFile(path, displayName, bytes, starts, ends);
    NginxLexerBase.LexError lexError = lexer.error();
    new TreeBuilder(file, lexError).build(config, all);
    return file;
  }
}
