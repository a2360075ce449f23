package dev.nginxlint.rules.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.Context;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unknown-variable against real nginx's verdicts on the shared corpus (MANIFEST.tsv, Debian's
 * nginx-extras 1.22.1): no finding on any file nginx accepts (snippets included, in the context
 * nginx checked them in), and every `unknown "x" variable` failure of a main config is found (nginx's
 * message names no line). Snippets alone are checked conservatively (only ${NAME}), so their failures,
 * which come from maps of a main config the corpus does not hold, are not expected.
 */
class UnknownVariableCorpusTest {

  private static final Pattern UNKNOWN = Pattern.compile("unknown \"([^\"]+)\" variable");

  @TempDir
  Path tmp;

  private List<Finding> lint(CorpusAgreementTest.Row r) throws Exception {
    Path file = CorpusAgreementTest.CORPUS.resolve(r.path());
    Path conf = CorpusAgreementTest.confDir(r, file);
    if (r.path().startsWith("nginx-tests/")) {
      file = expandTestSuite(file);
      conf = tmp;
    }
    ConfigSet set = new ConfigLoader(NioFileSource.defaultFileSystem(), new PrefixMap())
        .loadAs(file.toString(), CorpusAgreementTest.context(r), conf.toString());
    Linter.Result res = new Linter(new Settings(), RuleRegistry.rules().running(List.of(new UnknownVariable()))).run(set);
    assertTrue(res.failures().isEmpty(), () -> r.path() + ": rule failed: " + res.failures());
    List<Finding> out = new ArrayList<>();
    for (Finding f : res.findings()) {
      if (f.rule().equals("unknown-variable")) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * nginx-tests files as Test::Nginx expands them (as CorpusAgreementTest does): a raw
   * %%TEST_GLOBALS_HTTP%% line swallows the next statement into one directive, maps included.
   */
  private Path expandTestSuite(Path file) throws java.io.IOException {
    String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("%%TEST_GLOBALS[A-Z_]*%%", "")
        .replace("%%TESTDIR%%", tmp.toString())
        .replaceAll("%%PORT_(\\d+)(_UDP)?%%", "$1")
        .replaceAll("%%[A-Z0-9_]+%%", "x");
    Path out = tmp.resolve("t-" + file.getFileName());
    java.nio.file.Files.writeString(out, text, java.nio.charset.StandardCharsets.UTF_8);
    return out;
  }

  @Test
  void noFindingOnAcceptedFilesAndMainConfigFailuresFound() throws Exception {
    List<String> falsePositives = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    int accepted = 0;
    int found = 0;
    for (CorpusAgreementTest.Row r : CorpusAgreementTest.manifest()) {
      Context c = CorpusAgreementTest.context(r);
      // templates (Go/Jinja/ERB) are not nginx text as they are; lua-nginx-module's test sections
      // hold $TEST_NGINX_* placeholders that its harness fills in
      if (c == null || r.path().startsWith("lua-nginx-module/")) {
        continue;
      }
      if (r.nginxT().equals("ok") || r.afterStubs().equals("ok")) {
        accepted++;
        for (Finding f : lint(r)) {
          falsePositives.add(r.path() + ":" + f.span().line() + ":" + f.span().column() + " " + f.message());
        }
        continue;
      }
      Matcher m = UNKNOWN.matcher(r.reason());
      if (!m.find() || c != Context.MAIN) {
        continue;
      }
      // nginx 1.23.2 added $proxy_protocol_tlv_*: known at the default target (1.24)
      if (m.group(1).startsWith("proxy_protocol_tlv_")) {
        continue;
      }
      // nginx names no place for this error (it is found after the whole config is read)
      boolean hit = false;
      for (Finding f : lint(r)) {
        hit |= f.message().startsWith("unknown \"" + m.group(1) + "\" variable");
      }
      if (hit) {
        found++;
      } else {
        missed.add(r.path() + ": nginx: " + r.reason());
      }
    }
    System.out.println("unknown-variable on the corpus: " + accepted + " accepted files, "
        + falsePositives.size() + " findings on them; " + found + " main-config failures found");
    assertEquals(List.of(), falsePositives, "findings on files nginx accepts");
    assertEquals(List.of(), missed, "nginx's unknown-variable failures not found");
    assertTrue(found >= 3, "too few failures found: " + found);
  }
}
