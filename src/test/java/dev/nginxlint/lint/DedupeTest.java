package dev.nginxlint.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nginxlint.fix.Fix;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** De-duplication after the sort: what the old map-based pass kept, in the same order. */
class DedupeTest {

  private static final SourceFile A = new SourceFile(Path.of("/x/a.conf"), "a.conf",
      "0123456789012345678901234567890123456789".getBytes(StandardCharsets.ISO_8859_1));
  /** Another parse of the same path (a file read for two trees): its findings are the same findings. */
  private static final SourceFile A_AGAIN = new SourceFile(Path.of("/x/a.conf"), "a.conf",
      "0123456789012345678901234567890123456789".getBytes(StandardCharsets.ISO_8859_1));
  private static final SourceFile B = new SourceFile(Path.of("/x/b.conf"), "b.conf",
      "0123456789012345678901234567890123456789".getBytes(StandardCharsets.ISO_8859_1));

  private static Finding f(String rule, SourceFile file, int start, int end, String message, String fixTitle) {
    return new Finding(rule, Category.RELIABILITY, Severity.WARNING, message, file,
        new Span(start, end, 1, start + 1, 1, end + 1), fixTitle == null ? null : Fix.safe(fixTitle, List.of()));
  }

  /** The reference: first of each key kept, in report order, then sorted. */
  private static List<Finding> byMap(List<Finding> raw) {
    java.util.Map<Object, Finding> unique = new java.util.LinkedHashMap<>();
    for (Finding x : raw) {
      unique.putIfAbsent(x.key(), x);
    }
    List<Finding> out = new ArrayList<>(unique.values());
    out.sort(Linter.ORDER);
    return out;
  }

  private static List<Finding> sortedThenDeduped(List<Finding> raw) {
    List<Finding> copy = new ArrayList<>(raw);
    copy.sort(Linter.ORDER);
    return Linter.dedupeSorted(copy);
  }

  @Test
  void repeatsAreDroppedAndTheFirstReportedIsKept() {
    Finding first = f("r", A, 5, 9, "m", "first");
    Finding other = f("r", A, 5, 12, "m", null); // same place and words, another end: not a repeat
    Finding again = f("r", A_AGAIN, 5, 9, "m", "second"); // the first one, from the other parse
    Finding before = f("r", A, 2, 4, "m", null);
    Finding elsewhere = f("r", B, 5, 9, "m", null);
    List<Finding> raw = List.of(first, other, elsewhere, again, before);
    List<Finding> got = sortedThenDeduped(raw);
    assertEquals(byMap(raw), got);
    assertEquals(4, got.size());
    assertSame(first, got.get(1)); // the one reported first, with its fix
  }

  @Test
  void agreesWithTheMapOnRandomLists() {
    java.util.Random random = new java.util.Random(7);
    SourceFile[] files = {A, A_AGAIN, B};
    for (int round = 0; round < 500; round++) {
      List<Finding> raw = new ArrayList<>();
      for (int i = random.nextInt(40); i > 0; i--) {
        int start = random.nextInt(6);
        raw.add(f("r" + random.nextInt(2), files[random.nextInt(3)], start, start + 1 + random.nextInt(2),
            "m" + random.nextInt(2), "fix" + i));
      }
      assertEquals(byMap(raw), sortedThenDeduped(raw), "round " + round);
    }
  }
}
