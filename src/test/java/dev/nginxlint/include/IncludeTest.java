package dev.nginxlint.include;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nginxlint.lint.Finding;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.ConfigTree;
import dev.nginxlint.model.Context;
import dev.nginxlint.model.Diagnostic;
import dev.nginxlint.model.Directive;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Include resolution as nginx does it (nginx-lexer.md §11; E66..E70, E98..E102), on jimfs. */
class IncludeTest {

  private FileSystem fs;

  @BeforeEach
  void setUp() {
    fs = Jimfs.newFileSystem(Configuration.unix());
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private void write(String path, String content) throws IOException {
    Path p = fs.getPath(path);
    Files.createDirectories(p.getParent());
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
  }

  private ConfigSet load(String... inputs) throws Exception {
    return load(new PrefixMap(), inputs);
  }

  private ConfigSet load(PrefixMap prefixes, String... inputs) throws Exception {
    return new ConfigLoader(new NioFileSource(fs, fs.getPath("/work")), prefixes).load(List.of(inputs));
  }

  /** Every directive of a tree as "file:line name args", in reading order. */
  private static List<String> flat(ConfigTree tree) {
    List<String> out = new ArrayList<>();
    tree.walk(d -> out.add(d.file().displayName() + ":" + d.span().line() + " " + d.name()
        + (d.argCount() > 0 ? " " + String.join(" ", d.args().stream().map(a -> a.value()).toList()) : "")));
    return out;
  }

  private static List<String> diagnostics(ConfigSet set) {
    return set.diagnostics().stream()
        .map(d -> d.rule() + " " + d.file().displayName() + ":" + d.span().line() + " " + d.message()).toList();
  }

  @Test
  void relativeIncludesResolveAgainstTheMainConfigDirectory() throws Exception {
    // E68a: sub/a.conf's "include b.conf" reads <main dir>/b.conf
    write("/work/conf/nginx.conf", "events {}\ninclude sub/a.conf;\n");
    write("/work/conf/sub/a.conf", "include b.conf;\n");
    write("/work/conf/b.conf", "worker_processes 1;\n");
    write("/work/conf/sub/b.conf", "worker_processes 2;\n");
    ConfigSet set = load("conf/nginx.conf");
    assertEquals(List.of(), diagnostics(set));
    assertTrue(flat(set.trees().get(0)).contains("conf/b.conf:1 worker_processes 1"), flat(set.trees().get(0)).toString());
    assertFalse(flat(set.trees().get(0)).toString().contains("sub/b.conf"));
  }

  @Test
  void includeNextToTheIncludingFileOnlyIsNotFound() throws Exception {
    // E68b
    write("/work/conf/nginx.conf", "events {}\ninclude sub/a.conf;\nworker_processes 1;\n");
    write("/work/conf/sub/a.conf", "include b.conf;\n");
    write("/work/conf/sub/b.conf", "worker_processes 2;\n");
    ConfigSet set = load("conf/nginx.conf");
    assertEquals(List.of("include-not-found conf/sub/a.conf:1 open() \"b.conf\" failed (2: No such file or directory)"),
        diagnostics(set));
  }

  @Test
  void globsAreSortedBytewiseAndSkipDotFiles() throws Exception {
    // E98: B.conf before a.conf; E99: .hidden is not read (its garbage would be a syntax error)
    write("/work/nginx.conf", "events {}\nhttp {\ninclude d/*;\n}\n");
    write("/work/d/a.conf", "server_tokens off;\n");
    write("/work/d/B.conf", "sendfile on;\n");
    write("/work/d/_x.conf", "tcp_nopush on;\n");
    write("/work/d/.hidden", "@@@\n");
    ConfigSet set = load("nginx.conf");
    assertEquals(List.of(), diagnostics(set));
    List<String> names = flat(set.trees().get(0)).stream().filter(s -> s.startsWith("d/")).toList();
    assertEquals(List.of("d/B.conf:1 sendfile on", "d/_x.conf:1 tcp_nopush on", "d/a.conf:1 server_tokens off"), names);
    assertTrue(set.files().stream().noneMatch(f -> f.displayName().contains("hidden")));
  }

  @Test
  void globWithoutMatchIsFineButMissingLiteralIsReportedAndLoadingGoesOn() throws Exception {
    // E66, E67
    write("/work/nginx.conf", "events {}\nhttp {\ninclude none/*.conf;\ninclude missing.conf;\n"
        + "include there.conf;\nsendfile on;\n}\n");
    write("/work/there.conf", "tcp_nodelay on;\n");
    ConfigSet set = load("nginx.conf");
    assertEquals(List.of("include-not-found nginx.conf:4 open() \"missing.conf\" failed (2: No such file or directory)"),
        diagnostics(set));
    List<String> flat = flat(set.trees().get(0));
    assertTrue(flat.contains("there.conf:1 tcp_nodelay on"), flat.toString());
    assertTrue(flat.contains("nginx.conf:6 sendfile on"), flat.toString());
  }

  @Test
  void globMatchingADirectory() throws Exception {
    // E100: nginx fails with pread() ... Is a directory; the other matches are still read here
    write("/work/nginx.conf", "events {}\nhttp {\ninclude d/*;\n}\n");
    write("/work/d/a.conf", "sendfile on;\n");
    write("/work/d/sub/x.conf", "sendfile off;\n");
    ConfigSet set = load("nginx.conf");
    List<String> diags = diagnostics(set);
    assertEquals(1, diags.size(), diags.toString());
    assertTrue(diags.get(0).startsWith("include-not-found nginx.conf:3 pread() \""), diags.get(0));
    assertTrue(diags.get(0).endsWith("d/sub\" failed (21: Is a directory)"), diags.get(0));
    assertTrue(flat(set.trees().get(0)).contains("d/a.conf:1 sendfile on"));
    // a literal include of a directory too
    write("/work/main2/nginx.conf", "events {}\ninclude sub;\n");
    write("/work/main2/sub/x.conf", "\n");
    assertTrue(diagnostics(load("main2/nginx.conf")).get(0).contains("(21: Is a directory)"));
  }

  @Test
  void emptyIncludedFileIsFine() throws Exception {
    // E101
    write("/work/nginx.conf", "events {}\ninclude empty.conf;\n");
    write("/work/empty.conf", "");
    assertEquals(List.of(), diagnostics(load("nginx.conf")));
  }

  @Test
  void blocksNeverSpanFiles() throws Exception {
    // E69, E70: each included file must balance on its own
    write("/work/nginx.conf", "events {}\nhttp {\ninclude open.conf;\n}\n}\n");
    write("/work/open.conf", "server {\n");
    List<String> d = diagnostics(load("nginx.conf"));
    assertTrue(d.contains("syntax-error open.conf:2 unexpected end of file, expecting \"}\""), d.toString());
    write("/work/b/nginx.conf", "events {}\nhttp {\ninclude close.conf;\n");
    write("/work/b/close.conf", "}\n");
    d = diagnostics(load("b/nginx.conf"));
    assertTrue(d.contains("syntax-error b/close.conf:1 unexpected \"}\""), d.toString());
  }

  @Test
  void includeCyclesTerminate() throws Exception {
    // E102: nginx itself dies of a stack overflow
    write("/work/nginx.conf", "events {}\nhttp {\ninclude a.conf;\n}\n");
    write("/work/a.conf", "include b.conf;\nsendfile on;\n");
    write("/work/b.conf", "include a.conf;\n");
    ConfigSet set = load("nginx.conf");
    assertEquals(List.of("include-cycle b.conf:1 include cycle: a.conf -> b.conf -> a.conf"
        + " (nginx itself would crash with a stack overflow)"), diagnostics(set));
    assertTrue(flat(set.trees().get(0)).contains("a.conf:2 sendfile on"));
  }

  @Test
  void selfIncludeAndCycleThroughAGlob() throws Exception {
    write("/work/nginx.conf", "events {}\nhttp {\ninclude self.conf;\ninclude conf.d/*.conf;\n}\n");
    write("/work/self.conf", "include self.conf;\n");
    write("/work/conf.d/a.conf", "include conf.d/*.conf;\nsendfile on;\n");
    write("/work/conf.d/b.conf", "tcp_nopush on;\n");
    ConfigSet set = load("nginx.conf");
    List<String> d = diagnostics(set);
    assertTrue(d.stream().anyMatch(s -> s.startsWith("include-cycle self.conf:1 include cycle: self.conf -> self.conf")), d.toString());
    assertTrue(d.stream().anyMatch(s -> s.startsWith("include-cycle conf.d/a.conf:1 include cycle: conf.d/a.conf -> conf.d/a.conf")), d.toString());
    assertTrue(d.stream().allMatch(s -> s.startsWith("include-cycle")), d.toString());
    // b.conf is read from nginx.conf and again from a.conf (not a cycle)
    assertEquals(2, flat(set.trees().get(0)).stream().filter(s -> s.equals("conf.d/b.conf:1 tcp_nopush on")).count());
  }

  @Test
  void goCrossplaneCycleFixture() throws Exception {
    Path corpus = dev.nginxlint.parse.Corpus.dir().resolve("nginx-go-crossplane/testdata/configs/includes-cycle");
    if (!Files.isDirectory(java.nio.file.Path.of(corpus.toString()))) {
      return;
    }
    try (var walk = Files.walk(corpus)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        write("/work/cycle/" + corpus.relativize(p), Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    ConfigSet bad = load("cycle/invalid/nginx.conf");
    assertTrue(diagnostics(bad).stream().anyMatch(s -> s.startsWith("include-cycle")), diagnostics(bad).toString());
    assertEquals(List.of(), diagnostics(load("cycle/valid/nginx.conf")));
  }

  @Test
  void fileIncludedTwiceIsParsedOnceAndPlacedTwice() throws Exception {
    write("/work/nginx.conf", "events {}\nhttp {\nserver {\ninclude common.conf;\n}\nserver {\ninclude common.conf;\n"
        + "include common.conf;\n}\n}\n");
    write("/work/common.conf", "add_header X-Frame-Options DENY;\n");
    ConfigSet set = load("nginx.conf");
    assertEquals(2, set.files().size());
    List<Directive> headers = new ArrayList<>();
    set.trees().get(0).walk(d -> {
      if (d.name().equals("add_header")) {
        headers.add(d);
      }
    });
    assertEquals(3, headers.size());
    SourceFile common = headers.get(0).file();
    for (Directive d : headers) {
      assertSame(common, d.file());
      assertSame(headers.get(0).statement(), d.statement());
      assertEquals("server", d.parent().name());
      assertEquals("include", d.includedBy().name());
    }
    assertEquals("http > server", headers.get(2).contextString());
  }

  @Test
  void prefixMapResolvesAbsoluteIncludesInsideTheCheckout() throws Exception {
    write("/work/nginx.conf", "events {}\nhttp {\ninclude /etc/nginx/snippets/*.conf;\ninclude /etc/nginx/mime.types;\n}\n");
    write("/work/snippets/gzip.conf", "gzip on;\n");
    write("/work/mime.types", "types { text/html html; }\n");
    PrefixMap map = new PrefixMap();
    map.add(PrefixMap.parse("/etc/nginx=."));
    ConfigSet set = load(map, "nginx.conf");
    assertEquals(List.of(), diagnostics(set));
    List<String> flat = flat(set.trees().get(0));
    assertTrue(flat.contains("snippets/gzip.conf:1 gzip on"), flat.toString());
    assertTrue(flat.contains("mime.types:1 types"), flat.toString());
    // without the mapping a path outside the checked files is not read from this machine (it
    // is the server's), and the mapping that would check a copy is hinted at
    write("/work/other/nginx.conf", "events {}\ninclude /opt/nginx/x.conf;\n");
    write("/opt/nginx/x.conf", "this is not read;\n");
    List<String> d = diagnostics(load("other/nginx.conf"));
    assertEquals(1, d.size(), d.toString());
    assertTrue(d.get(0).startsWith("include-not-checked other/nginx.conf:2 \"/opt/nginx/x.conf\" was not checked"), d.toString());
    assertTrue(d.get(0).contains("--prefix /opt/nginx=DIR"), d.toString());
  }

  @Test
  void directoryInputFindsTheEntryAndChecksUnreachableFilesAsSnippets() throws Exception {
    write("/work/etc/nginx.conf", "events {}\nhttp {\ninclude conf.d/*.conf;\ninclude sites-enabled/*;\n}\n");
    write("/work/etc/conf.d/gzip.conf", "gzip on;\n");
    write("/work/etc/sites-available/default", "server {\nlisten 80;\nlocation / { return 204; }\n}\n");
    Files.createDirectories(fs.getPath("/work/etc/sites-enabled"));
    Files.createSymbolicLink(fs.getPath("/work/etc/sites-enabled/default"), fs.getPath("../sites-available/default"));
    write("/work/etc/sites-available/unused", "server {\nlisten 81;\n}\n");
    write("/work/etc/snippets/php.conf", "location ~ \\.php$ {\nfastcgi_pass unix:/run/php.sock;\n}\n");
    write("/work/etc/snippets/headers.conf", "add_header X-A 1;\nproxy_pass http://x;\n");
    ConfigSet set = load("etc");
    List<String> trees = set.trees().stream().map(t -> t.entry().displayName() + " " + t.rootContext()).toList();
    assertEquals(List.of("etc/nginx.conf MAIN", "etc/sites-available/unused HTTP",
        "etc/snippets/headers.conf LOCATION", "etc/snippets/php.conf SERVER"), trees);
    // the symlinked site is read through sites-enabled, once
    assertEquals(1, set.files().stream().filter(f -> f.displayName().contains("default")).count());
    assertTrue(flat(set.trees().get(0)).stream().anyMatch(s -> s.contains("default:2 listen 80")));
  }

  @Test
  void fileGivenAndIncludedIsAnalysedOnce() throws Exception {
    write("/work/nginx.conf", "events {}\nhttp {\ninclude conf.d/*.conf;\n}\n");
    write("/work/conf.d/app.conf", "server {\nlisten 80;\nlocation / { proxy_pass http://127.0.0.1:8080; }\n}\n");
    ConfigSet both = load("nginx.conf", "conf.d/app.conf");
    assertEquals(1, both.trees().size());
    ConfigSet alone = load("nginx.conf");
    List<Finding> a = new Linter(new Settings(), RuleRegistry.rules()).run(both).findings();
    List<Finding> b = new Linter(new Settings(), RuleRegistry.rules()).run(alone).findings();
    assertEquals(b.size(), a.size());
    assertEquals(a.size(), a.stream().map(Finding::key).distinct().count(), "duplicate findings");
    // given first and included later: still one tree, the main config's
    assertEquals(1, load("conf.d/app.conf", "nginx.conf").trees().size());
  }

  @Test
  void nginxDashTDumpIsSplitIntoTheOriginalFiles() throws Exception {
    String dump = "# configuration file /etc/nginx/nginx.conf:\n"
        + "events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    include mime.types;\n}\n\n"
        + "# configuration file /etc/nginx/conf.d/a.conf:\n"
        + "server {\n    listen 80;\n\n    return 200 \"a\"b;\n}\n\n"
        + "# configuration file /etc/nginx/mime.types:\n"
        + "types {\n    text/html html;\n}\n\n";
    byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
    assertTrue(DumpFileSource.isDump(bytes));
    DumpFileSource src = DumpFileSource.split(bytes);
    assertEquals(List.of("/etc/nginx/nginx.conf", "/etc/nginx/conf.d/a.conf", "/etc/nginx/mime.types"), src.names());
    assertEquals("server {\n    listen 80;\n\n    return 200 \"a\"b;\n}\n",
        new String(src.read(src.path("/etc/nginx/conf.d/a.conf")), StandardCharsets.UTF_8));
    ConfigSet set = new ConfigLoader(src, new PrefixMap()).loadFirst(src.names());
    assertEquals(1, set.trees().size());
    assertEquals(Context.MAIN, set.trees().get(0).rootContext());
    assertEquals(List.of("syntax-error /etc/nginx/conf.d/a.conf:4 unexpected \"b\""), diagnostics(set));
    Diagnostic d = set.diagnostics().get(0);
    assertEquals(19, d.span().column());
    // mime.types was reached through the relative include
    assertEquals(3, set.files().size());
  }
}
