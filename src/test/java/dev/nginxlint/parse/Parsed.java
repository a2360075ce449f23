package dev.nginxlint.parse;

import dev.nginxlint.model.Arg;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.model.SyntaxError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Small helpers over a parsed file for the parser tests. */
final class Parsed {
  private Parsed() {}

  /** Bytes of a "byte string": one char per byte (so \u00ff is the byte 0xFF). */
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static SourceFile parse(String byteString) {
    return ConfigParser.parse(Path.of("nginx.conf"), "nginx.conf", bytes(byteString));
  }

  static SourceFile parse(byte[] bytes) {
    return ConfigParser.parse(Path.of("nginx.conf"), "nginx.conf", bytes);
  }

  static SyntaxError fatal(SourceFile f) {
    return f.errors().stream().filter(SyntaxError::fatal).findFirst().orElse(null);
  }

  /** Every statement, depth first, in file order (iterative). */
  static List<Statement> all(SourceFile f) {
    List<Statement> out = new ArrayList<>();
    Deque<Statement> stack = new ArrayDeque<>();
    List<Statement> top = f.statements();
    for (int i = top.size() - 1; i >= 0; i--) {
      stack.push(top.get(i));
    }
    while (!stack.isEmpty()) {
      Statement s = stack.pop();
      out.add(s);
      if (s.hasBlock()) {
        for (int i = s.children().size() - 1; i >= 0; i--) {
          stack.push(s.children().get(i));
        }
      }
    }
    return out;
  }

  /** The last statement named {@code name} in file order (wrappers come first), or null. */
  static Statement find(SourceFile f, String name) {
    Statement found = null;
    for (Statement s : all(f)) {
      if (s.name().equals(name)) {
        found = s;
      }
    }
    return found;
  }

  static List<String> values(Statement s) {
    List<String> out = new ArrayList<>();
    for (Arg a : s.args()) {
      out.add(a.value());
    }
    return out;
  }
}
