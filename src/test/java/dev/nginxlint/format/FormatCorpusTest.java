package dev.nginxlint.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.RealNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: the whole corpus formatted. Every file the parser reads formats (the built-in proof
 * holds: the same tokens), formatting again changes nothing, and every main configuration gets
 * the same nginx -t verdict (and message) before and after.
 */
class FormatCorpusTest {

  static final Path CORPUS = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus");

  @TempDir
  Path tmp;

  static final Formatter.Style ALIGNED = Formatter.Style.KEEP.withAlignValues(true);

  @Test
  void everyCorpusFileFormatsIdempotentlyWithItsTokensKept() throws IOException {
    corpusFormats(Formatter.Style.KEEP);
  }

  @Test
  void everyCorpusFileFormatsIdempotentlyWithValuesAligned() throws IOException {
    corpusFormats(ALIGNED);
  }

  private void corpusFormats(Formatter.Style style) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")
          && !p.getFileName().toString().endsWith(".tsv")).sorted().toList();
    }
    int formatted = 0;
    int changed = 0;
    int syntax = 0;
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      byte[] in = Files.readAllBytes(f);
      Formatter.Result r = Formatter.format(f, f.toString(), in, style);
      if (!r.ok()) {
        if (r.problem().contains("not formatted: the result would not hold the same tokens")) {
          problems.add(r.problem());
        } else {
          syntax++; // a file the parser rejects is left alone
        }
        continue;
      }
      formatted++;
      if (!java.util.Arrays.equals(in, r.formatted())) {
        changed++;
      }
      Formatter.Result again = Formatter.format(f, f.toString(), r.formatted(), style);
      if (!again.ok() || !java.util.Arrays.equals(r.formatted(), again.formatted())) {
        problems.add(f + ": formatting twice differs");
      }
    }
    System.out.println("FormatCorpusTest" + (style.alignValues() ? " (align-values)" : "") + ": " + files.size()
        + " files, " + formatted + " formatted (" + changed
        + " changed), " + syntax + " not readable as nginx config (left alone)");
    assertEquals(List.of(), problems);
    assertTrue(formatted > 1000, "formatted " + formatted);
  }

  @Test
  void nginxGivesTheSameVerdictBeforeAndAfter() throws IOException {
    RealNginx.requireOrSkip();
    List<String> rows = Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    int compared = 0;
    int accepted = 0;
    int alignedCompared = 0;
    List<String> differ = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split("\t", -1);
      if (!c[1].equals("main")) {
        continue;
      }
      Path f = CORPUS.resolve(c[0]);
      byte[] in = Files.readAllBytes(f);
      Formatter.Result r = Formatter.format(f, c[0], in, Formatter.Style.KEEP);
      if (!r.ok()) {
        continue;
      }
      compared++;
      String before = verdict(in, "a" + compared);
      String after = verdict(r.formatted(), "b" + compared);
      accepted += before.equals("ok") ? 1 : 0;
      if (!before.equals(after)) {
        differ.add(c[0] + ": before [" + before + "] after [" + after + "]");
      }
      // with align-values, where it lays the file out differently (a map, geo, types or split_clients body)
      Formatter.Result aligned = Formatter.format(f, c[0], in, ALIGNED);
      if (aligned.ok() && !java.util.Arrays.equals(aligned.formatted(), r.formatted())) {
        alignedCompared++;
        String withAlign = verdict(aligned.formatted(), "c" + compared);
        if (!before.equals(withAlign)) {
          differ.add(c[0] + ": before [" + before + "] after align-values [" + withAlign + "]");
        }
      }
    }
    System.out.println("FormatCorpusTest: " + compared + " main configs, " + accepted + " accepted by nginx -t,"
        + " verdicts compared before and after formatting (" + alignedCompared + " also with align-values)");
    assertTrue(compared > 100 && accepted >= 15, compared + " / " + accepted);
    assertTrue(alignedCompared >= 5, "align-values laid out " + alignedCompared + " main configs differently");
    assertEquals(List.of(), differ);
  }

  /** nginx -t on the bytes, alone in a directory: "ok" or its message with the file name taken out. */
  private String verdict(byte[] conf, String dir) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Path main = d.resolve("nginx.conf");
    Files.write(main, conf);
    RealNginx.Result r = RealNginx.test(main, Files.createDirectories(d.resolve("prefix")), true);
    if (r.ok()) {
      return "ok";
    }
    return r.messages().replace(d.toString(), "DIR").replaceAll(":\\d+", ":N");
  }
}
