package dev.nginxlint.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code src/test/resources/triage/lab/<scenario>.error.log} (real logs from the 502 lab)
 * against its {@code <scenario>.expected} line "SIGNATURE ERRNO" (see the README there).
 */
class LabLogsTest {

  static final Path LAB = Path.of("src/test/resources/triage/lab");

  @TestFactory
  Stream<DynamicTest> topGroupMatchesExpected() throws IOException {
    assertTrue(Files.isDirectory(LAB), LAB + " must exist (with its README)");
    List<Path> logs;
    try (Stream<Path> s = Files.list(LAB)) {
      logs = s.filter(p -> p.getFileName().toString().endsWith(".error.log")).sorted().toList();
    }
    return logs.stream().map(log -> DynamicTest.dynamicTest(log.getFileName().toString(), () -> {
      String name = log.getFileName().toString();
      Path expectedFile = log.resolveSibling(name.substring(0, name.length() - ".error.log".length()) + ".expected");
      assertTrue(Files.isRegularFile(expectedFile), "missing " + expectedFile);
      String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).strip();
      GroupAccumulator acc = new GroupAccumulator(100, TimeWindow.ALL);
      try (InputStream in = Files.newInputStream(log)) {
        LogReader.read(in, acc::accept);
      }
      assertFalse(acc.groups().isEmpty(), name + ": no groups");
      assertEquals(expected, topSignature(acc.groups()), name);
    }));
  }

  /** "connect() failed 99" / "no live upstreams -" for the group with the most lines. */
  static String topSignature(List<GroupAccumulator.Group> groups) {
    // the same signature may be split over several upstreams: rank by signature
    java.util.Map<String, Long> bySignature = new java.util.LinkedHashMap<>();
    for (GroupAccumulator.Group g : groups) {
      bySignature.merge(g.op + " " + (g.errno == 0 ? "-" : String.valueOf(g.errno)), g.count, Long::sum);
    }
    return bySignature.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
