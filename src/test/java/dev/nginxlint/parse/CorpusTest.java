package dev.nginxlint.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.SyntaxError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every corpus file against nginx's own verdict (MANIFEST.tsv): files nginx accepts parse
 * without a fatal error, files nginx rejects for a lexical/grammatical reason are rejected with
 * nginx's message, and every file - templates and failures included - prints back byte for byte.
 */
class CorpusTest {

  /**
   * [syntax] failures that a generic parser cannot see, with the reason. Everything else
   * marked [syntax] (and not a template) must be a fatal syntax error.
   */
  private static final Map<String, String> NOT_LEXICAL = Map.of(
      // "directive "server" has no opening "{"": whether `server` needs a block is in the
      // directive table (NGX_CONF_BLOCK), not in the tokenizer; §12 of nginx-lexer.md: the parser
      // builds the tree from words + terminator and the table validates (a lint rule's job).
      "gixy-yandex/tests/plugins/simply/add_header_redefinition/non_block_fp.conf",
      "terminator checked against the directive table, not lexical");

  private static final Pattern REASON =
      Pattern.compile("^\\[syntax\\] \\[emerg\\] (.*) in (<corpus>/(.*)|<testdir>/[^:]*):(\\d+)$");

  @Test
  void everyCorpusFileMatchesNginx() {
    List<Corpus.Entry> entries = Corpus.entries();
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    int rejected = 0;
    int roundTrips = 0;
    int messagesChecked = 0;
    long bytes = 0;
    long t0 = System.nanoTime();
    for (Corpus.Entry e : entries) {
      byte[] in = Corpus.read(e);
      bytes += in.length;
      SourceFile f;
      try {
        f = ConfigParser.parse(Path.of(e.path()), e.path(), in);
      } catch (RuntimeException ex) {
        failures.add(e.path() + ": parser threw " + ex);
        continue;
      }
      if (java.util.Arrays.equals(f.print(), in)) {
        roundTrips++;
      } else {
        failures.add(e.path() + ": print() differs from the file's bytes");
      }
      SyntaxError fatal = f.errors().stream().filter(SyntaxError::fatal).findFirst().orElse(null);
      if (e.accepted()) {
        accepted++;
        if (fatal != null) {
          failures.add(e.path() + ": nginx accepts it, parser says " + fatal.message() + " at " + fatal.span());
        }
      } else if (e.syntaxFailure() && !e.kind().equals("template") && !NOT_LEXICAL.containsKey(e.path())) {
        rejected++;
        if (fatal == null) {
          failures.add(e.path() + ": nginx rejects it (" + e.failureReason() + "), parser accepts it");
          continue;
        }
        Matcher m = REASON.matcher(e.failureReason());
        if (m.matches()) {
          messagesChecked++;
          if (!m.group(1).equals(fatal.message())) {
            failures.add(e.path() + ": message \"" + fatal.message() + "\", nginx: \"" + m.group(1) + "\"");
          }
          // nginx names the line it reached; only comparable when the file was read as itself
          if (e.path().equals(m.group(3)) && Integer.parseInt(m.group(4)) != nginxLine(f, fatal)) {
            failures.add(e.path() + ": error on line " + nginxLine(f, fatal) + ", nginx: " + m.group(4));
          }
        }
      }
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("CorpusTest: %d files (%d KB) in %d ms; %d accepted by nginx, %d rejected as [syntax]"
        + " (%d messages compared), %d round-trip; %d mismatches%n",
        entries.size(), bytes / 1024, ms, accepted, rejected, messagesChecked, roundTrips, failures.size());
    assertTrue(entries.size() > 1000, "manifest too small: " + entries.size());
    assertEquals(List.of(), failures, String.join("\n", failures));
    assertEquals(entries.size(), roundTrips);
  }

  /**
   * The line nginx reports: the line its reader has reached. For an end-of-file error that is
   * the last line (plus one when the file ends with LF); otherwise the error token's line.
   */
  static int nginxLine(SourceFile f, SyntaxError e) {
    return e.span().line();
  }
}
