package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.model.Context;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.parse.ConfigParser;
import dev.nginxlint.parse.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ContextInference against the wrapper context nginx accepted each corpus snippet in. */
class ContextInferenceTest {

  private static final Map<String, Context> KINDS = Map.of(
      "main", Context.MAIN, "http-snippet", Context.HTTP,
      "server-snippet", Context.SERVER, "location-snippet", Context.LOCATION);

  @Test
  void inferenceMatchesTheCorpusKinds() {
    int total = 0;
    int hits = 0;
    List<String> misses = new ArrayList<>();
    for (Corpus.Entry e : Corpus.entries()) {
      Context want = KINDS.get(e.kind());
      if (want == null || !e.accepted()) {
        continue;
      }
      SourceFile f = ConfigParser.parse(Path.of(e.path()), e.path(), Corpus.read(e));
      if (f.hasErrors()) {
        continue;
      }
      total++;
      Context got = ContextInference.infer(f.statements());
      if (got == want) {
        hits++;
      } else {
        misses.add(e.kind() + " -> " + got + ": " + e.path());
      }
    }
    double accuracy = 100.0 * hits / total;
    System.out.printf("ContextInferenceTest: %d/%d corpus files (%.1f%%) inferred as their MANIFEST kind%n",
        hits, total, accuracy);
    misses.forEach(m -> System.out.println("  miss: " + m));
    assertTrue(total > 200, "too few files: " + total);
    assertTrue(accuracy >= 90.0, String.format("accuracy %.1f%% < 90%%%n%s", accuracy, String.join("\n", misses)));
  }

  @Test
  void simpleCases() {
    assertEquals(Context.HTTP, infer("server { listen 80; }\nserver { listen 81; }\n"));
    assertEquals(Context.SERVER, infer("location / { }\nlocation /a { }\n"));
    assertEquals(Context.MAIN, infer("user nobody;\nevents {}\nhttp {}\n"));
    assertEquals(Context.MAIN, infer("load_module modules/x.so;\n"));
  }

  private static Context infer(String text) {
    return ContextInference.infer(ConfigParser.parse(Path.of("x.conf"), "x.conf",
        text.getBytes(StandardCharsets.ISO_8859_1)).statements());
  }
}
