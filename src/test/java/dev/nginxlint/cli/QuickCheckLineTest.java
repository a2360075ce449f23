package dev.nginxlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code check} command lines that {@link QuickCheckLine#parse} takes without picocli (for
 * start-up time) must mean exactly what picocli makes of them; anything else must be left to
 * picocli (null).
 */
class QuickCheckLineTest {

  private final Io io = new Io(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
      new ByteArrayInputStream(new byte[0]), FileSystems.getDefault(), FileSystems.getDefault().getPath("/"));

  private static final List<String[]> SIMPLE = List.of(
      args("check", "nginx.conf"),
      args("check", "-"),
      args("check", "a.conf", "b.conf", "dir"),
      args("check", "--output-format", "json", "nginx.conf"),
      args("check", "--output-format=sarif", "nginx.conf"),
      args("check", "--select", "upstream-keepalive,proxy-http-version", "--select=meta", "x"),
      args("check", "--ignore=correctness", "--severity", "warning", "x"),
      args("check", "--nginx-version", "1.22.1", "--exit-zero", "--statistics", "x"),
      args("check", "--force-exclude", "--no-config", "-v", "x", "y"),
      args("check", "x", "--verbose", "--output-format", "github"));

  private static final List<String[]> LEFT_TO_PICOCLI = List.of(
      args("check"),
      args("check", "--help"),
      args("check", "--fix", "x"),
      args("check", "--output-format"),
      args("check", "--exit-zero", "--exit-zero", "x"),
      args("check", "--exit-zero=true", "x"),
      args("check", "--select", ",a", "x"),
      args("check", "--", "-x"),
      args("check", "@args.txt"),
      args("check", "--prefix", "/etc/nginx=.", "x"),
      args("check", "--rule-option", "a.b=c", "x"),
      args("check", "-o", "out.json", "x"),
      args("check", "--unknown", "x"),
      args("fix", "x"));

  private static String[] args(String... a) {
    return a;
  }

  @Test
  void simpleLinesMeanWhatPicocliMakesOfThem() {
    for (String[] a : SIMPLE) {
      CheckCommand quick = QuickCheckLine.parse(io, a);
      assertNotNull(quick, String.join(" ", a));
      CheckCommand slow = new CheckCommand(io);
      new CommandLine(slow).parseArgs(Arrays.copyOfRange(a, 1, a.length));
      assertEquals(describe(slow), describe(quick), String.join(" ", a));
    }
  }

  @Test
  void everythingElseGoesThroughPicocli() {
    for (String[] a : LEFT_TO_PICOCLI) {
      assertNull(QuickCheckLine.parse(io, a), String.join(" ", a));
    }
  }

  private static String describe(CheckCommand c) {
    CommonOptions o = c.options.common;
    return String.join("|", String.valueOf(c.options.paths), String.valueOf(c.options.format), String.valueOf(c.options.exitZero),
        String.valueOf(c.options.statistics), String.valueOf(c.options.forceExclude), String.valueOf(c.options.fix),
        String.valueOf(c.options.unsafeFixes), String.valueOf(c.options.diff), String.valueOf(c.options.outputDir),
        String.valueOf(c.options.outputFile), String.valueOf(c.options.stdinFilename),
        String.valueOf(o.select), String.valueOf(o.ignore), String.valueOf(o.severity),
        String.valueOf(o.nginxVersion), String.valueOf(o.prefixes), String.valueOf(o.config),
        String.valueOf(o.noConfig), String.valueOf(o.ruleOptions), String.valueOf(o.verbose));
  }
}
