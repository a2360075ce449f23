package dev.nginxlint.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nginxlint.model.SourceFile;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Edits.indentUnit reads only each line's leading blanks: the same answer as a scan of every byte. */
class IndentUnitTest {

  /** The whole-file scan the line-by-line one replaced. */
  private static String byEveryByte(byte[] bytes) {
    int smallest = Integer.MAX_VALUE;
    boolean tabs = false;
    boolean lineStart = true;
    int spaces = 0;
    for (byte b : bytes) {
      if (lineStart) {
        if (b == ' ') {
          spaces++;
          continue;
        }
        if (b == '\t') {
          if (spaces == 0) {
            tabs = true;
          }
          lineStart = false;
          continue;
        }
        if (b != '\n' && b != '\r' && spaces > 0) {
          smallest = Math.min(smallest, spaces);
        }
        lineStart = false;
      }
      if (b == '\n') {
        lineStart = true;
        spaces = 0;
      }
    }
    if (tabs && smallest == Integer.MAX_VALUE) {
      return "\t";
    }
    return smallest == Integer.MAX_VALUE ? "    " : " ".repeat(Math.min(smallest, 8));
  }

  @Test
  void agreesWithAScanOfEveryByte() {
    Random random = new Random(11);
    byte[] alphabet = {' ', ' ', ' ', '\t', '\n', '\n', '\r', 'a', ';', '{', '}'};
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(60)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = alphabet[random.nextInt(alphabet.length)];
      }
      SourceFile f = new SourceFile(Path.of("x.conf"), "x.conf", bytes);
      assertEquals(byEveryByte(bytes), Edits.indentUnit(f), () -> "for " + new String(bytes).replace("\n", "\\n"));
    }
  }
}
