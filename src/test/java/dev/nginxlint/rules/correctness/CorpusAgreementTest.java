package dev.nginxlint.rules.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.Context;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement with real nginx (Debian's 1.22.1 nginx-extras, the MANIFEST.tsv results) on the
 * shared corpus: every unknown-directive / context / arity / duplicate failure nginx reported is
 * found at the same line, and the structural rules say nothing on files nginx accepts.
 */
class CorpusAgreementTest {

  static final Path CORPUS = Path.of(System.getProperty("nginxlint.shared", "../shared"), "corpus");
  /** The nginx that produced MANIFEST.tsv. */
  static final NginxVersion NGINX = new NginxVersion(1, 22, 1);

  /** The structural rules whose findings mean "nginx -t fails" (version included: 1.22.1 is the target). */
  static final List<LintRule> RULES = List.of(new UnknownDirective(), new DirectiveNotAllowedHere(),
      new InvalidArgumentCount(), new InvalidFlagValue(), new DuplicateDirective(), new BlockMismatch(),
      new DirectiveVersion());

  static final Map<String, Set<String>> RULES_FOR_CLASS = Map.of(
      "unknown-directive", Set.of("unknown-directive", "directive-version"),
      "context", Set.of("directive-not-allowed-here"),
      "arity", Set.of("invalid-argument-count"),
      "duplicate", Set.of("duplicate-directive"));

  /**
   * NGINX Plus-only directives (commercial; absent from the open-source source the table is read
   * from, so no open-source nginx knows them): out of scope for unknown-directive, which must not
   * claim they are typos. Plus features that later came to open source (sticky, least_time) are
   * in the table and are checked as version problems.
   */
  static final Set<String> PLUS_ONLY = Set.of("status", "state", "status_zone", "oidc_provider", "api",
      "health_check", "zone_sync", "ntlm", "mqtt", "internal_redirect", "f5_metrics_export");

  static final Pattern MESSAGE = Pattern.compile("^\\[([a-z-]+)\\] \\[emerg\\] (.*?) in (<corpus>|<testdir>)/(\\S+):(\\d+)");
  static final Pattern NAMED = Pattern.compile("\"([^\"]+)\"");

  @TempDir
  Path tmp;

  record Row(String path, String kind, String nginxT, String reason, String afterStubs, String notes) {}

  static List<Row> manifest() throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
      }
      rows.add(new Row(f[0], f[1], f[2], f[3], f[5], f.length > 6 ? f[6] : ""));
    }
    return rows;
  }

  /** The context the MANIFEST run used for the file, or null when it cannot be linted as it is. */
  static Context context(Row r) {
    String p = r.path();
    return switch (r.kind()) {
      case "main", "main-snippet" -> Context.MAIN;
      case "http-snippet" -> Context.HTTP;
      case "server-snippet" -> Context.SERVER;
      case "location-snippet" -> Context.LOCATION;
      case "test-suite" -> {
        if (p.startsWith("nginx-tests/")) {
          yield Context.MAIN;
        }
        // lua-nginx-module sections: config inside server {}, http_config inside http {}
        if (p.endsWith(".http_config.conf")) {
          yield Context.HTTP;
        }
        if (p.endsWith(".main_config.conf")) {
          yield Context.MAIN;
        }
        yield Context.SERVER;
      }
      default -> null; // templates: Go/Jinja/ERB text, not nginx until rendered
    };
  }

  /** The dir relative includes resolve against: MANIFEST's "conf dir", else the nearest nginx.conf's. */
  static Path confDir(Row r, Path file) {
    Matcher m = Pattern.compile("conf dir = ([^;]+)").matcher(r.notes());
    if (m.find()) {
      return CORPUS.resolve(m.group(1).strip());
    }
    if (!r.kind().endsWith("snippet")) {
      return file.getParent();
    }
    for (Path d = file.getParent(); d != null && d.startsWith(CORPUS) && !d.equals(CORPUS); d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("nginx.conf"))) {
        return d;
      }
    }
    return file.getParent();
  }

  /**
   * nginx-tests files hold Test::Nginx placeholders. They are expanded the way Test::Nginx does
   * for what matters to these rules: %%TEST_GLOBALS*%% become directives nginx accepts (here:
   * nothing, kept on the same line), ports and the test dir become plain words. Lines of the
   * expanded file shift in nginx's message, so those are matched by directive name at or above it.
   */
  Path expandTestSuite(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    text = text.replaceAll("%%TEST_GLOBALS[A-Z_]*%%", "")
        .replace("%%TESTDIR%%", tmp.toString())
        .replaceAll("%%PORT_(\\d+)(_UDP)?%%", "$1")
        .replaceAll("%%[A-Z0-9_]+%%", "x");
    Path out = tmp.resolve("t-" + file.getFileName());
    Files.writeString(out, text, StandardCharsets.UTF_8);
    return out;
  }

  List<Finding> lint(Row r) throws Exception {
    Path file = CORPUS.resolve(r.path());
    Context c = context(r);
    Path conf = confDir(r, file);
    if (r.path().startsWith("nginx-tests/")) {
      file = expandTestSuite(file);
      conf = tmp;
    }
    ConfigLoader loader = new ConfigLoader(NioFileSource.defaultFileSystem(), new PrefixMap());
    ConfigSet set = loader.loadAs(file.toString(), c, conf.toString());
    Linter.Result res = new Linter(new Settings().version(NGINX), RuleRegistry.rules().running(RULES)).run(set);
    assertTrue(res.failures().isEmpty(), () -> r.path() + ": rule failed: " + res.failures());
    List<Finding> out = new ArrayList<>();
    for (Finding f : res.findings()) {
      if (RULES.stream().anyMatch(x -> x.id().equals(f.rule()))) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void agreesWithNginxOnTheCorpus() throws Exception {
    int expected = 0;
    int matched = 0;
    List<String> excluded = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    List<String> falsePositives = new ArrayList<>();
    int accepted = 0;
    for (Row r : manifest()) {
      boolean ok = r.nginxT().equals("ok") || r.afterStubs().equals("ok");
      if (ok) {
        if (context(r) == null) {
          continue;
        }
        accepted++;
        for (Finding f : lint(r)) {
          falsePositives.add(r.path() + ": " + f.file().displayName() + ":" + f.span().line() + " "
              + f.rule() + " " + f.message());
        }
        continue;
      }
      // the unmodified run's first error, or the one left after the environment was stubbed
      for (String reason : List.of(r.reason(), r.afterStubs())) {
        Matcher m = MESSAGE.matcher(reason);
        if (!m.find() || !RULES_FOR_CLASS.containsKey(m.group(1))) {
          continue;
        }
        String cls = m.group(1);
        String msg = m.group(2);
        Matcher named = NAMED.matcher(msg);
        String name = named.find() ? named.group(1) : "";
        String why = exclusion(r, cls, msg, name);
        if (why != null) {
          excluded.add(r.path() + " [" + cls + " " + name + "]: " + why);
          break;
        }
        expected++;
        String where = m.group(3);
        String relPath = m.group(4);
        int line = Integer.parseInt(m.group(5));
        boolean hit = false;
        for (Finding f : lint(r)) {
          if (!RULES_FOR_CLASS.get(cls).contains(f.rule()) || !f.message().contains("\"" + name + "\"")) {
            continue;
          }
          if (where.equals("<testdir>") && r.path().startsWith("nginx-tests/")) {
            hit |= f.span().line() <= line; // expansion only adds lines above
          } else if (where.equals("<testdir>")) {
            hit |= f.span().line() == line; // lua: <testdir>/snippet.conf is the section itself
          } else {
            hit |= f.span().line() == line && f.file().path().toString().endsWith(relPath);
          }
        }
        if (hit) {
          matched++;
        } else {
          missed.add(r.path() + ": nginx: " + reason);
        }
        break;
      }
    }
    System.out.println("corpus agreement: " + matched + "/" + expected + " nginx failures found, "
        + excluded.size() + " excluded, " + accepted + " accepted files checked, "
        + falsePositives.size() + " findings on accepted files");
    excluded.forEach(e -> System.out.println("  excluded " + e));
    assertEquals(List.of(), missed, "nginx failures not found");
    assertEquals(List.of(), falsePositives, "findings on files nginx accepts");
    assertTrue(matched >= 25, "too few corpus failures matched: " + matched);
  }

  /** Why a failing row is out of scope, or null. */
  static String exclusion(Row r, String cls, String msg, String name) {
    if (context(r) == null) {
      return "template: not nginx syntax until rendered";
    }
    if (cls.equals("duplicate") && !msg.endsWith("directive is duplicate")) {
      return "not the generic duplicate check (" + msg + "): a handler's own check, another rule's job";
    }
    if (ThirdParty.get().isKnown(name)) {
      return "third-party directive (module missing or too old in nginx-extras, or misplaced;"
          + " nginx-lint does not know third-party contexts)";
    }
    if (PLUS_ONLY.contains(name)) {
      return "NGINX Plus-only directive";
    }
    return null;
  }
}
