package dev.nginxlint.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The shared corpus and its MANIFEST.tsv (see shared/corpus/README.md). */
public final class Corpus {

  /** One MANIFEST row. */
  public record Entry(String path, String kind, String nginxT, String failureReason, long bytes,
      String afterEnvStubs, String notes) {

    /** nginx -t accepted the file, as is or once only its environment was stubbed. */
    public boolean accepted() {
      return nginxT.equals("ok") || afterEnvStubs.startsWith("ok");
    }

    public boolean syntaxFailure() {
      return failureReason.startsWith("[syntax]");
    }
  }

  private Corpus() {}

  public static Path dir() {
    return Paths.get(System.getProperty("nginxlint.shared", "../shared")).resolve("corpus");
  }

  public static List<Entry> entries() {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
      List<Entry> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.add(new Entry(unescape(f[0]), f[1], f[2], unescape(f[3]), Long.parseLong(f[4]),
            f.length > 5 ? unescape(f[5]) : "-", f.length > 6 ? unescape(f[6]) : ""));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the corpus manifest under " + dir(), e);
    }
  }

  public static byte[] read(Entry e) {
    try {
      return Files.readAllBytes(dir().resolve(e.path()));
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** MANIFEST fields write TAB, CR, LF and backslash as \t \r \n \\. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(switch (n) {
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'n' -> '\n';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
