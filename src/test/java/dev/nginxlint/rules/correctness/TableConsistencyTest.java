package dev.nginxlint.rules.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.directives.DirectiveSpec;
import dev.nginxlint.directives.DirectiveTable;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.NginxVersion;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.Context;
import dev.nginxlint.rules.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Self-consistency of the rules with the directive table: every present directive, in every
 * context, with 0 to 8 arguments, gets the verdict the table's own columns give (contexts,
 * min_args/max_args, block), computed here independently of the rule code. Also pins the
 * bundled table to the shared file it was copied from.
 */
class TableConsistencyTest {

  /** The table is read from this source snapshot: every present row exists, no history applies. */
  static final NginxVersion HEAD = new NginxVersion(1, 31, 5);

  /** Opening and closing text that puts line 2.. of a file in each table context. */
  static final Map<String, String[]> WRAPPERS = new LinkedHashMap<>();

  static {
    WRAPPERS.put("main", new String[] {"", ""});
    WRAPPERS.put("events", new String[] {"events {", "}"});
    WRAPPERS.put("http", new String[] {"http {", "}"});
    WRAPPERS.put("server", new String[] {"http { server {", "} }"});
    WRAPPERS.put("location", new String[] {"http { server { location / {", "} } }"});
    WRAPPERS.put("if-in-server", new String[] {"http { server { if ($a) {", "} } }"});
    WRAPPERS.put("if-in-location", new String[] {"http { server { location / { if ($a) {", "} } } }"});
    WRAPPERS.put("limit_except", new String[] {"http { server { location / { limit_except GET {", "} } } }"});
    WRAPPERS.put("upstream", new String[] {"http { upstream u {", "} }"});
    WRAPPERS.put("stream", new String[] {"stream {", "}"});
    WRAPPERS.put("stream-server", new String[] {"stream { server {", "} }"});
    WRAPPERS.put("stream-upstream", new String[] {"stream { upstream u {", "} }"});
    WRAPPERS.put("mail", new String[] {"mail {", "}"});
    WRAPPERS.put("mail-server", new String[] {"mail { server {", "} }"});
  }

  static final List<LintRule> RULES = List.of(new UnknownDirective(), new DirectiveNotAllowedHere(),
      new InvalidArgumentCount(), new InvalidFlagValue(), new BlockMismatch(), new DirectiveVersion());

  @Test
  void bundledTableIsTheSharedOne() throws Exception {
    Path shared = Path.of(System.getProperty("nginxlint.shared", "../shared"), "nginx-directives.tsv");
    byte[] bundled;
    try (var in = DirectiveTable.class.getResourceAsStream(DirectiveTable.RESOURCE)) {
      bundled = in.readAllBytes();
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    String a = HexFormat.of().formatHex(sha.digest(bundled));
    String b = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(shared)));
    assertEquals(b, a, "nginx-directives.tsv differs from " + shared);
    assertEquals("d1c06d5f47166637f4654f8767ee447959a8de4bfb17d2000b951648c358d420", a);
  }

  @Test
  void thirdPartyListDoesNotShadowStockNginx() {
    ThirdParty tp = ThirdParty.get();
    for (String name : DirectiveTable.get().names()) {
      assertTrue(!tp.isKnown(name), "third-party-directives.txt covers stock directive " + name);
    }
  }

  /** The expected rule for n arguments, from the raw columns: null = accepted. */
  static String expected(List<DirectiveSpec> rows, String ctx, int n) {
    List<DirectiveSpec> live = rows.stream().filter(s -> !s.removed()).toList();
    if (live.isEmpty()) {
      return "directive-version";
    }
    List<DirectiveSpec> fit = live.stream().filter(s -> s.allowedIn(ctx)).toList();
    if (fit.isEmpty()) {
      return "directive-not-allowed-here";
    }
    for (DirectiveSpec s : fit) {
      boolean countOk = n >= s.minArgs() && (s.maxArgs() < 0 || n <= s.maxArgs());
      boolean fixed = !s.argsMask().equals("1MORE") && !s.argsMask().equals("2MORE") && !s.argsMask().equals("ANY");
      if (fixed && n > 7) {
        countOk = false; // NGX_CONF_MAX_ARGS: 8 words with the name
      }
      if (s.argsMask().equals("TAKE13") && n == 2) {
        countOk = false; // the one mask with a gap
      }
      if (countOk) {
        return null;
      }
    }
    return "invalid-argument-count";
  }

  @Test
  void everyDirectiveInEveryContextWithZeroToEightArguments() throws Exception {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    Path file = fs.getPath("/t.conf");
    NioFileSource src = new NioFileSource(fs, fs.getPath("/"));
    int checks = 0;
    List<String> wrong = new ArrayList<>();
    for (String name : new TreeSet<>(DirectiveTable.get().names())) {
      List<DirectiveSpec> rows = DirectiveTable.get().lookup(name);
      for (var w : WRAPPERS.entrySet()) {
        // written as the rows for this context declare it (else as any row), so block-ness matches
        List<DirectiveSpec> fit = rows.stream().filter(s -> !s.removed() && s.allowedIn(w.getKey())).toList();
        boolean block = (fit.isEmpty() ? rows.stream().filter(s -> !s.removed()).toList() : fit)
            .stream().anyMatch(DirectiveSpec::block);
        StringBuilder text = new StringBuilder(w.getValue()[0]).append('\n');
        for (int n = 0; n <= 8; n++) {
          text.append(name);
          for (int i = 0; i < n; i++) {
            text.append(" on");
          }
          text.append(block ? " { }\n" : ";\n");
        }
        // line 11: a valid count with the other terminator (block-ness is checked after the context)
        if (!fit.isEmpty()) {
          text.append(name);
          for (int i = 0; i < Math.max(fit.get(0).minArgs(), 0); i++) {
            text.append(" on");
          }
          text.append(block ? ";\n" : " { }\n");
        }
        text.append(w.getValue()[1]).append('\n');
        Files.writeString(file, text, StandardCharsets.UTF_8);
        var set = new ConfigLoader(src, new PrefixMap()).loadAs("/t.conf", Context.MAIN, null);
        var res = new Linter(new Settings().version(HEAD), RuleRegistry.rules().running(RULES)).run(set);
        assertEquals(List.of(), res.failures(), name + " in " + w.getKey());
        Map<Integer, List<String>> byLine = new LinkedHashMap<>();
        for (Finding f : res.findings()) {
          if (RULES.stream().anyMatch(r -> r.id().equals(f.rule()))) {
            byLine.computeIfAbsent(f.span().line(), k -> new ArrayList<>()).add(f.rule());
          }
        }
        for (int n = 0; n <= 8; n++) {
          String want = expected(rows, w.getKey(), n);
          List<String> got = byLine.getOrDefault(n + 2, List.of());
          List<String> wantList = want == null ? List.of() : List.of(want);
          checks++;
          if (!got.equals(wantList)) {
            wrong.add(name + " in " + w.getKey() + " with " + n + " args: want " + wantList + " got " + got);
          }
        }
        if (!fit.isEmpty() && !rows.stream().anyMatch(DirectiveSpec::removed)) {
          checks++;
          if (!byLine.getOrDefault(11, List.of()).equals(List.of("block-mismatch"))) {
            wrong.add(name + " in " + w.getKey() + " with the other terminator: got " + byLine.get(11));
          }
        }
        // the wrapper itself must be clean
        assertTrue(!byLine.containsKey(1), () -> name + "/" + w.getKey() + ": wrapper flagged " + byLine.get(1));
      }
    }
    System.out.println("table consistency: " + checks + " placements, " + wrong.size() + " disagree");
    assertEquals(List.of(), wrong.subList(0, Math.min(wrong.size(), 40)));
  }
}
