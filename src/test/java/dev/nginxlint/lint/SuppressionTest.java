package dev.nginxlint.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.model.Directive;
import dev.nginxlint.rules.read.IncludeCycle;
import dev.nginxlint.rules.read.IncludeNotFound;
import dev.nginxlint.rules.read.SyntaxErrorRule;
import dev.nginxlint.rules.read.UnusedSuppression;
import dev.nginxlint.testsupport.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The suppression comment grammar, through the Linter, with a test-only rule that reports every
 * {@code add_header} (so nothing here depends on the real rules). Findings are written
 * {@code LINE:COL rule [message]}.
 */
class SuppressionTest {

  /** Reports every add_header, with its first argument in the message. */
  @Rule(id = "fake-header", category = Category.RELIABILITY)
  static final class FakeHeaderRule implements DirectiveRule {
    @Override
    public Set<String> directives() {
      return Set.of("add_header");
    }

    @Override
    public void check(Directive directive, RuleContext ctx) {
      ctx.report(this, directive, "header " + directive.arg(0));
    }
  }

  private static final List<LintRule> RULES = List.of(new FakeHeaderRule(), new SyntaxErrorRule(),
      new IncludeNotFound(), new IncludeCycle(), new UnusedSuppression());

  private static List<String> lint(String server) {
    return lint(new Settings(), Map.of("nginx.conf", wrap(server)));
  }

  private static List<String> lint(Settings settings, Map<String, String> files) {
    Linter.Result r = Fixtures.lintText(settings, RULES, files, "nginx.conf");
    assertEquals(List.of(), r.failures());
    return r.findings().stream()
        .map(f -> (f.file().displayName().equals("nginx.conf") ? "" : f.file().displayName() + ":")
            + f.span().line() + ":" + f.span().column() + " " + f.rule()
            + (f.rule().equals("fake-header") ? "" : " " + f.message()))
        .toList();
  }

  /** A main config whose server block (lines 4 on) is {@code server}; line 1 is "events {}". */
  private static String wrap(String server) {
    return "events {}\nhttp {\n  server {\n" + server + "  }\n}\n";
  }

  @Test
  void withoutSuppressionsEveryHeaderIsReported() {
    assertEquals(List.of("4:5 fake-header", "5:5 fake-header"), lint("""
            add_header A 1;
            add_header B 2;
        """));
  }

  @Test
  void trailingCommentCoversItsDirectiveOnly() {
    assertEquals(List.of("5:5 fake-header"), lint("""
            add_header A 1;  # nginx-lint: disable=fake-header
            add_header B 2;
        """));
  }

  @Test
  void commentLinesJustAboveCoverTheNextDirective() {
    assertEquals(List.of("10:5 fake-header"), lint("""
            # nginx-lint: disable=fake-header
            add_header A 1;
            # nginx-lint: disable=fake-header
            # a second comment line between is fine

            add_header B 2;
            add_header C 3;
        """));
  }

  /** fake-header is not in RuleRegistry, so the unused-suppression message calls it unknown. */
  private static final String UNUSED_FAKE = "unused-suppression unused suppression of fake-header"
      + " (unknown rule \"fake-header\")";

  @Test
  void aCommentAboveADifferentDirectiveDoesNotReachFurther() {
    assertEquals(List.of("4:5 " + UNUSED_FAKE, "6:5 fake-header"), lint("""
            # nginx-lint: disable=fake-header
            return 204;
            add_header A 1;
        """));
  }

  @Test
  void commentAboveABlockCoversTheWholeBlock() {
    assertEquals(List.of("11:5 fake-header"), lint("""
            # nginx-lint: disable=fake-header
            location / {
                add_header A 1;
                location /x {
                    add_header B 2;
                }
            }
            add_header C 3;
        """));
  }

  @Test
  void trailingCommentOnABlockHeadCoversTheWholeBlock() {
    assertEquals(List.of("8:5 fake-header"), lint("""
            location / { # nginx-lint: disable=fake-header
                add_header A 1;
                add_header B 2;
            }
            add_header C 3;
        """));
  }

  @Test
  void disableFileCoversTheWholeFileOnly() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("nginx.conf", wrap("""
            include headers.conf;
            add_header Main 1;
        """));
    files.put("headers.conf", """
        add_header A 1;
        # nginx-lint: disable-file=fake-header -- generated file
        add_header B 2;
        """);
    assertEquals(List.of("5:5 fake-header"), lint(new Settings(), files));
  }

  @Test
  void categoryAndAllWork() {
    assertEquals(List.of(), lint("""
            add_header A 1;  # nginx-lint: disable=reliability
            add_header B 2;  # nginx-lint: disable=all
        """));
  }

  @Test
  void aReasonAndSeveralRulesAreAccepted() {
    assertEquals(List.of(), lint("""
            # nginx-lint: disable=fake-header, include-not-found -- the CDN adds these anyway
            location / {
                add_header A 1;
                include missing.conf;
            }
            add_header B 2;  # nginx-lint:disable = fake-header--no space needed
        """));
  }

  @Test
  void unusedSuppressionIsReportedAtTheComment() {
    assertEquals(List.of("4:5 fake-header", "4:22 unused-suppression unused suppression of upstream-keepalive"), lint("""
            add_header A 1;  # nginx-lint: disable=upstream-keepalive -- wrong rule
        """));
  }

  @Test
  void onlyTheUnusedRulesOfACommentAreListed() {
    assertEquals(List.of("4:22 unused-suppression unused suppression of syntax, upstream-keepalive"), lint("""
            add_header A 1;  # nginx-lint: disable=fake-header,syntax,upstream-keepalive
        """));
  }

  @Test
  void anUnknownRuleIdIsReported() {
    assertEquals(List.of("4:5 fake-header", "4:22 unused-suppression unused suppression of no-such-rule"
        + " (unknown rule \"no-such-rule\")"), lint("""
            add_header A 1;  # nginx-lint: disable=no-such-rule
        """));
  }

  @Test
  void aSuppressionThatPointsAtNothingIsUnused() {
    assertEquals(List.of("5:5 " + UNUSED_FAKE), lint("""
            return 204;
            # nginx-lint: disable=fake-header
        """));
  }

  @Test
  void ordinaryCommentsAreNotSuppressions() {
    assertEquals(List.of("4:5 fake-header", "5:5 fake-header"), lint("""
            add_header A 1;  # nginx-lint disable=fake-header (no colon: not ours)
            add_header B 2;  # see nginx-lint: disable=fake-header in the docs
        """));
  }

  @Test
  void suppressionsOfRulesThatDidNotRunAreNotReported() {
    Settings s = new Settings();
    s.ignore().add("upstream-keepalive");
    assertEquals(List.of(), lint(s, Map.of("nginx.conf", wrap("""
            return 204;  # nginx-lint: disable=upstream-keepalive
        """))));
  }

  @Test
  void ignoringUnusedSuppressionSilencesIt() {
    Settings s = new Settings();
    s.ignore().add("meta");
    assertEquals(List.of("4:5 fake-header"), lint(s, Map.of("nginx.conf", wrap("""
            add_header A 1;  # nginx-lint: disable=no-such-rule
        """))));
  }

  @Test
  void readRuleFindingsCanBeSuppressed() {
    assertEquals(List.of(), lint("""
            include missing.conf;  # nginx-lint: disable=include-not-found -- created at deploy time
        """));
  }
}
