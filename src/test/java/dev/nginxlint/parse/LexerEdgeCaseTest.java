package dev.nginxlint.parse;

import static dev.nginxlint.parse.Parsed.all;
import static dev.nginxlint.parse.Parsed.fatal;
import static dev.nginxlint.parse.Parsed.find;
import static dev.nginxlint.parse.Parsed.parse;
import static dev.nginxlint.parse.Parsed.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.model.Quote;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.model.SyntaxError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The edge-case catalogue of nginx-lexer.md §15 (E01..E117), table-driven. Each case is wrapped
 * so that the snippet stands on the line nginx's own run reported, so expected lines are
 * nginx's. The expected outcome is the PARSE outcome: many cases nginx rejects for semantic
 * reasons (unknown directive, invalid parameter, arity, "not terminated by ;") and those must
 * parse; a lexical/grammatical rejection must be a fatal error with nginx's wording at the
 * exact 1-based line:column of the offending token.
 */
public class LexerEdgeCaseTest {

  /** How a snippet is placed; the snippet starts at column 1 of line {@code line}. */
  enum Wrap {
    /** The snippet is the whole file (main-level cases). */
    MAIN("", ""),
    /** Main level, padded past 4 KB so nginx's buffer refill (and its length check) can happen. */
    MAIN_4K("", "\n" + "events {}\n".repeat(500)),
    /** In a server block, on line 5 (the doc's usual wrapper). */
    SERVER5("events {}\nhttp {\n    server {\n        listen 127.0.0.1:18081;\n", "\n    }\n}\n"),
    /** In a server block, on line 2. */
    SERVER2("events {} http { server { listen 127.0.0.1:18081;\n", "\n}\n}\n"),
    /** Lua cases: load_module lines, then a server block; the snippet on line 7. */
    LUA7("load_module modules/ndk_http_module.so;\nload_module modules/ngx_http_lua_module.so;\n"
        + "events {}\nhttp {\nserver {\nlisten 127.0.0.1:18081;\n", "\n}\n}\n"),
    /** Lua cases on line 4, in a location. */
    LUA4("load_module modules/ndk_http_module.so;\nload_module modules/ngx_http_lua_module.so;\n"
        + "events {} http { server { listen 127.0.0.1:18081; location / {\n", "\n}\n}\n}\n");

    final String prefix;
    final String suffix;

    Wrap(String prefix, String suffix) {
      this.prefix = prefix;
      this.suffix = suffix;
    }
  }

  static final int EOF = -1;

  /**
   * One case. {@code error} null means: parses with no fatal error. {@code line} EOF means the
   * error stands at the end of the file. {@code directive}/{@code args}: the first statement of
   * that name has exactly these argument values (after unescaping).
   */
  record Case(String id, Wrap wrap, String snippet, String error, int line, int col,
      String directive, List<String> args, Consumer<SourceFile> extra) {

    String text() {
      return wrap.prefix + snippet + wrap.suffix;
    }
  }

  private static final List<Case> CASES = new ArrayList<>();

  /** The text of every case, for other lexer tests. */
  public static List<String> caseTexts() {
    List<String> out = new ArrayList<>();
    for (Case c : CASES) {
      out.add(c.text());
    }
    return out;
  }

  private static void ok(String id, Wrap w, String snippet) {
    CASES.add(new Case(id, w, snippet, null, 0, 0, null, null, null));
  }

  private static void ok(String id, Wrap w, String snippet, String directive, String... args) {
    CASES.add(new Case(id, w, snippet, null, 0, 0, directive, List.of(args), null));
  }

  private static void okThen(String id, Wrap w, String snippet, Consumer<SourceFile> extra) {
    CASES.add(new Case(id, w, snippet, null, 0, 0, null, null, extra));
  }

  private static void bad(String id, Wrap w, String snippet, String error, int line, int col) {
    CASES.add(new Case(id, w, snippet, error, line, col, null, null, null));
  }

  private static final String LISTEN = "listen 127.0.0.1:18082 ";
  private static final String HOST = "127.0.0.1:18082";
  private static final String EOF_BLOCK = "unexpected end of file, expecting \"}\"";
  private static final String EOF_STMT = "unexpected end of file, expecting \";\" or \"}\"";
  private static final String LUA_BRACKET =
      "Lua code block missing the closing long bracket \"]]\", the inlined Lua code may be too long";

  static {
    Wrap S = Wrap.SERVER5;
    // nginx: invalid parameter (semantic); the quote in mid-word is a literal byte
    ok("E01", S, LISTEN + "a\"b'c;", "listen", HOST, "a\"b'c");
    bad("E02", S, "return 200 \"a\"b;", "unexpected \"b\"", 5, 15);
    bad("E03", S, "return 200 \"a\"\"b\";", "unexpected \"\"\"", 5, 15);
    bad("E04", S, "return 200 \"a\"'b';", "unexpected \"'\"", 5, 15);
    ok("E05", S, "return 200 \"a\";", "return", "200", "a");
    ok("E06", S, "location \"/x\"{ return 204; }", "location", "/x");
    bad("E07", S, "location /x { return 200 \"x\"}", "unexpected \"}\"", 5, 29);
    // "ok}" is one word: the location stays open and the server's '}' (line 6) ends a statement
    // that still has words
    bad("E08", S, "location /x { return 200 ok}", "unexpected \"}\"", 6, 5);
    // the same on its own: the block is still open at the end of the file
    bad("E08-alone", Wrap.MAIN, "location /x { return 200 ok}", EOF_STMT, 1, 29);
    ok("E08-word", S, "location /x { return 200 ok} ; }", "return", "200", "ok}");
    ok("E09", S, "location /x { return 204;}", "return", "204");
    bad("E10", S, "location /x { return 204 }", "unexpected \"}\"", 5, 26);
    okThen("E11", S, LISTEN + "# comment\n    reuseport;", f -> {
      assertEquals(List.of(HOST, "reuseport"), values(find(f, "listen")));
      assertEquals(" comment", f.comments().get(0).text());
      assertEquals(5, f.comments().get(0).span().line());
      assertEquals(24, f.comments().get(0).span().column());
    });
    ok("E12", S, LISTEN + "foo#bar;", "listen", HOST, "foo#bar");
    bad("E13", S, "return 200 \"x\"#c;", "unexpected \"#\"", 5, 15);
    okThen("E14", S, "return 204;#c", f -> assertEquals("c", f.comments().get(0).text()));
    ok("E15", S, "set $a 1; return 200 ${a}b;", "return", "200", "${a}b");
    // nginx: 'directive "return" is not terminated by ";"' (the directive table); a block here
    okThen("E16", S, "set $a 1; return 200 $a{ }", f -> {
      Statement r = find(f, "return");
      assertTrue(r.hasBlock());
      assertEquals(List.of("200", "$a"), values(r));
    });
    // nginx: the variable compiler complains later; lexically one word
    ok("E17", S, "set $a 1; return 200 ${a;", "return", "200", "${a");
    // "$ {" opens a block (nginx then says "not terminated by ;"); its body "a};" holds the
    // word "a}", so the wrapper's braces are one short at the end of the file
    bad("E18", S, "return 200 $ {a};", EOF_BLOCK, EOF, 0);
    ok("E19", S, LISTEN + "a\\ b;", "listen", HOST, "a\\ b");
    ok("E20", S, LISTEN + "a\\;b;", "listen", HOST, "a\\;b");
    ok("E21", S, LISTEN + "a\\\"b;", "listen", HOST, "a\"b");
    ok("E22", S, LISTEN + "a\\nb;", "listen", HOST, "a\nb");
    ok("E23", S, LISTEN + "\"a\\\"b\";", "listen", HOST, "a\"b");
    ok("E24", S, LISTEN + "'a\\'b';", "listen", HOST, "a'b");
    ok("E25", S, LISTEN + "\"a\\\\\";", "listen", HOST, "a\\");
    ok("E26", S, LISTEN + "\"a\\d\";", "listen", HOST, "a\\d");
    ok("E27", S, LISTEN + "'a\"b';", "listen", HOST, "a\"b");
    okThen("E28", S, LISTEN + "\"a\nb\";", f -> {
      Statement l = find(f, "listen");
      assertEquals(List.of(HOST, "a\nb"), values(l));
      assertEquals(6, l.span().endLine()); // nginx reports line 6: the line of the ';'
    });
    okThen("E29", S, "server_name \"\"; return 200 \"\";", f -> {
      assertEquals(List.of(""), values(find(f, "server_name")));
      assertEquals(List.of("200", ""), values(find(f, "return")));
    });
    Wrap M = Wrap.MAIN;
    bad("E30", M, ";", "unexpected \";\"", 1, 1);
    bad("E31", M, "worker_processes 1;;", "unexpected \";\"", 1, 20);
    bad("E32", M, "{ }", "unexpected \"{\"", 1, 1);
    bad("E33", M, "}", "unexpected \"}\"", 1, 1);
    bad("E34", M, "events {\n", EOF_BLOCK, 2, 1);
    bad("E35", M, "events {}\nworker_processes 1", EOF_STMT, 2, 19);
    bad("E36", M, "events {}\nworker_processes \"1;\n", EOF_STMT, 3, 1);
    okThen("E37a", S, "return 200 " + "x".repeat(4095) + ";",
        f -> assertEquals(4095, find(f, "return").args().get(1).value().length()));
    bad("E37b", S, "return 200 " + "x".repeat(4096) + ";", "too long parameter \"xxxxxxxxxx...\" started", 5, 12);
    okThen("E38a", S, "return 200 \"" + "x".repeat(4094) + "\";",
        f -> assertEquals(4094, find(f, "return").args().get(1).value().length()));
    bad("E38b", S, "return 200 \"" + "x".repeat(4095) + "\";", "too long parameter \"xxxxxxxxxx...\" started", 5, 12);
    bad("E38c", S, "return 200 \"" + "x".repeat(5000) + "\";",
        "too long parameter, probably missing terminating \"\"\" character", 5, 12);
    bad("E39", Wrap.MAIN_4K, "#" + "x".repeat(4999), "too long parameter \"#xxxxxxxxx...\" started", 1, 1);
    okThen("E40", M, "events {}\r\nworker_processes 1;\r\n", f -> {
      assertEquals(List.of("1"), values(find(f, "worker_processes")));
      assertEquals(2, find(f, "worker_processes").span().line());
    });
    // nginx: unknown directive (semantic); form feed and NBSP are word bytes
    okThen("E41", M, "worker_processes\f1;", f -> assertEquals("worker_processes\f1", f.statements().get(0).name()));
    okThen("E42", M, "worker_processes\u00c2\u00a01;",
        f -> assertEquals("worker_processes\u00a01", f.statements().get(0).name()));
    okThen("E43", M, "\u00ef\u00bb\u00bfevents {}", f -> {
      assertEquals("events", f.statements().get(0).name());
      assertEquals(1, f.errors().size());
      SyntaxError e = f.errors().get(0);
      assertFalse(e.fatal());
      assertTrue(e.message().startsWith("unknown directive \"\ufeffevents\""), e.message());
    });
    ok("E44", M, "Worker_processes 1;", "Worker_processes", "1");
    // E45/E46: whether a block is needed is the directive table's business (nginx: "has no
    // opening {" / "is not terminated by ;")
    okThen("E45", M, "events;", f -> assertFalse(f.statements().get(0).hasBlock()));
    okThen("E46", M, "worker_processes 1 { }", f -> assertTrue(f.statements().get(0).hasBlock()));
    ok("E47", S, "set $a b; if ($a = \"b\") { return 204; }", "if", "($a", "=", "b", ")");
    ok("E48", S, "set $a b; if ($a = \"b\"){ return 204; }", "if", "($a", "=", "b", ")");
    okThen("E49", S, "if($a) { return 204; }", f -> assertNotNull(find(f, "if($a)")));
    ok("E50", S, "set $a b; if ($a=b) { return 204; }", "if", "($a=b)");
    // "^/(\d" then '{' opens a block (nginx: "not terminated by ;"); "4})/ /x;" is a statement
    // in it, and the wrapper's braces are one short at the end of the file
    bad("E51", S, "rewrite ^/(\\d{4})/ /x;", EOF_BLOCK, EOF, 0);
    ok("E52", S, "rewrite \"^/(\\d{4})/\" /x;", "rewrite", "^/(\\d{4})/", "/x");
    // location "^/a" { 2}$ { return 204; } } — nginx: unknown directive "2}$"; braces one short
    bad("E53", S, "location ~ ^/a{2}$ { return 204; }", EOF_BLOCK, EOF, 0);
    ok("E54", S, "location ~*\\.php$ { return 204; }", "location", "~*\\.php$");
    ok("E55", M, "\"worker_processes\" 1;", "worker_processes", "1");
    okThen("E56", M, "\"events\" { }", f -> assertTrue(find(f, "events").hasBlock()));
    ok("E57", S, "location \"/a b\" { return 204; }", "location", "/a b");
    ok("E58", S, "return 200 \"#x\";", "return", "200", "#x");
    ok("E59", S, "return 200 \"}{\";", "return", "200", "}{");
    ok("E60", S, LISTEN + "a\\\nb;", "listen", HOST, "a\\\nb");
    bad("E61", S, "types { text/html html }", "unexpected \"}\"", 5, 24);
    bad("E62", S, "map $uri $x { default 1; a { } }", "unexpected \"{\"", 5, 28);
    ok("E63", S, "map $uri $x { a b c; }", "a", "b", "c");
    ok("E64", M, "worker_processes 1 2 3 4 5 6 7 8 9;", "worker_processes", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    StringBuilder names = new StringBuilder("server_name");
    for (int i = 0; i < 100; i++) {
      names.append(" a").append(i).append(".example");
    }
    okThen("E65", S, names + ";", f -> assertEquals(100, find(f, "server_name").args().size()));
    // E66..E68, E98..E102: include resolution, see IncludeTest; each file must parse
    ok("E66", S, "include /srv/edge/no-such-dir/*.conf;", "include", "/srv/edge/no-such-dir/*.conf");
    ok("E67", S, "include /srv/edge/no-such-file.conf;", "include", "/srv/edge/no-such-file.conf");
    // E69/E70: blocks never span files; the included files on their own
    bad("E69", M, "server {\n", EOF_BLOCK, 2, 1);
    bad("E70", M, "}\n", "unexpected \"}\"", 1, 1);
    Wrap L = Wrap.LUA7;
    okThen("E71", L, "content_by_lua_block { ngx.say(\"}\") }", f -> {
      Statement s = find(f, "content_by_lua_block");
      assertEquals(Statement.Terminator.RAW_BLOCK, s.terminator());
      assertEquals(" ngx.say(\"}\") ", s.args().get(0).value());
      assertEquals(Quote.RAW_BLOCK, s.args().get(0).quote());
    });
    ok("E72", L, "content_by_lua_block { local t = {1} ngx.say(#t) }", "content_by_lua_block", " local t = {1} ngx.say(#t) ");
    ok("E73", L, "content_by_lua_block { --[[ } ]] ngx.say(1) }", "content_by_lua_block", " --[[ } ]] ngx.say(1) ");
    ok("E74", L, "content_by_lua_block { ngx.say([==[ } ]==]) }", "content_by_lua_block", " ngx.say([==[ } ]==]) ");
    bad("E75", L, "content_by_lua_block { ngx.say([[ abc) }", LUA_BRACKET, 7, 32);
    // nginx: "no runnable Lua code" from the module's handler, not the scanner
    ok("E76", L, "content_by_lua_block {}", "content_by_lua_block", "");
    ok("E77", L, "content_by_lua_block{ ngx.say(1) }", "content_by_lua_block", " ngx.say(1) ");
    bad("E78", L, "content_by_lua_block { ngx.say(1) };", "unexpected \";\"", 7, 36);
    ok("E79", L, "content_by_lua 'ngx.say(\"}\")';", "content_by_lua", "ngx.say(\"}\")");
    bad("E80", L, "content_by_lua_block {\n # }\n ngx.say(1)\n }", "unexpected \"}\"", 10, 2);
    ok("E81", L, "content_by_lua_block { -- don't }\n ngx.say(1) }", "content_by_lua_block", " -- don't }\n ngx.say(1) ");
    ok("E82", L, "content_by_lua_block { ngx.say(\"\\\"}\") }", "content_by_lua_block", " ngx.say(\"\\\"}\") ");
    ok("E83", L, "set_by_lua_block $x { return 1 }", "set_by_lua_block", "$x", " return 1 ");
    bad("E84", L, "content_by_lua_block {\n local s = \"a }\n }", "unexpected \"}\"", 11, 1);
    // E85, E97: -g strings are not files; the parser has no -g mode (nothing to test)
    okThen("E86", M, "events {}\rworker_processes 1;\r", f -> {
      assertEquals(List.of("1"), values(find(f, "worker_processes")));
      assertEquals(1, find(f, "worker_processes").span().line()); // a bare CR is no line break
    });
    ok("E87", S, LISTEN + "\\\"abc;", "listen", HOST, "\"abc");
    ok("E88", S, LISTEN + "'a\\\"b';", "listen", HOST, "a\"b");
    ok("E89", S, "return 200 \"a\")x;", "return", "200", "a", ")x");
    okThen("E90", M, "events {}\n# c", f -> assertEquals(" c", f.comments().get(0).text()));
    okThen("E91", S, "return 200 \"\u00ff\u00fe\"; # \u00e9", f -> {
      assertEquals("\"\ufffd\ufffd\"", find(f, "return").args().get(1).raw());
      assertEquals(1, f.comments().size());
    });
    ok("E92", S, "return 200 \"a\u0000b\";", "return", "200", "a\u0000b");
    ok("E93", S, "if ($http_user_agent ~* \"(MSIE|Trident)\") { return 204; }",
        "if", "($http_user_agent", "~*", "(MSIE|Trident)", ")");
    // "location ~ ^/a;" ends at ';' (nginx: has no opening "{"), then "b$ { ... }" is a block
    okThen("E94", S, "location ~ ^/a;b$ { return 204; }", f -> {
      assertEquals(List.of("~", "^/a"), values(find(f, "location")));
      assertFalse(find(f, "location").hasBlock());
      assertTrue(find(f, "b$").hasBlock());
    });
    ok("E95", S, "add_header X-Test it's;", "add_header", "X-Test", "it's");
    okThen("E96a", Wrap.MAIN_4K, "#" + "x".repeat(4094),
        f -> assertEquals(4094, f.comments().get(0).text().length()));
    bad("E96b", Wrap.MAIN_4K, "#" + "x".repeat(4095), "too long parameter \"#xxxxxxxxx...\" started", 1, 1);
    // measured with nginx 1.22.1: a comment that fills the buffer exactly up to the end of the
    // file is accepted (the end of the file is seen first); one more byte, or a newline, is not
    okThen("E96c", Wrap.MAIN, "events {}\n#" + "x".repeat(4095),
        f -> assertEquals(4095, f.comments().get(0).text().length()));
    bad("E96d", Wrap.MAIN, "events {}\n#" + "x".repeat(4095) + "\n", "too long parameter \"#xxxxxxxxx...\" started", 2, 1);
    bad("E96e", Wrap.MAIN, "events {}\n#" + "x".repeat(4096), "too long parameter \"#xxxxxxxxx...\" started", 2, 1);
    okThen("E103", Wrap.LUA4, "content_by_lua_block;", f -> assertEquals(Statement.Terminator.SEMICOLON,
        find(f, "content_by_lua_block").terminator()));
    bad("E104", Wrap.SERVER2, "return 200 \"a\"(;", "unexpected \"(\"", 2, 15);
    ok("E105", S, "include \"my dir/x.conf\";", "include", "my dir/x.conf");
    ok("E106", S, "map $uri $x { include m.conf; }", "include", "m.conf");
    okThen("E107", S, "location /a # c\n{ return 204; }", f -> {
      assertEquals(List.of("/a"), values(find(f, "location")));
      assertTrue(find(f, "location").hasBlock());
    });
    ok("E108", Wrap.SERVER2, "$foo bar;", "$foo", "bar");
    bad("E109", Wrap.LUA4, "content_by_lua_block { local s = [[" + "x".repeat(5000) + "]] }", LUA_BRACKET, 4, 34);
    StringBuilder lua = new StringBuilder("content_by_lua_block {\n");
    for (int i = 0; i < 2000; i++) {
      lua.append("  local v").append(i % 10).append(" = 1\n");
    }
    okThen("E110", Wrap.LUA4, lua + "}", f -> assertTrue(find(f, "content_by_lua_block").args().get(0).value().length() > 20_000));
    ok("E111", Wrap.SERVER2, "return 200 'a }\n# b';", "return", "200", "a }\n# b");
    // "${a}" then '{': a block (nginx: "not terminated by ;"); its "{ }" balances
    okThen("E112", Wrap.SERVER2, "return 200 ${a}{ }", f -> {
      assertTrue(find(f, "return").hasBlock());
      assertEquals(List.of("200", "${a}"), values(find(f, "return")));
    });
    // nginx: no "events" section: the comment swallows the CR-separated rest
    okThen("E113", M, "# c\revents {}\r", f -> {
      assertEquals(0, f.statements().size());
      assertEquals(" c\revents {}\r", f.comments().get(0).text());
    });
    ok("E114", M, "# c \\\nevents {}", "events");
    // "\$" does not protect '{': "return 200 \$" opens a block holding "a};" — braces one short
    bad("E115", Wrap.SERVER2, "return 200 \\${a};", EOF_BLOCK, EOF, 0);
    ok("E116", Wrap.SERVER2, LISTEN + "a\"b c\";", "listen", HOST, "a\"b", "c\"");
    ok("E117", Wrap.SERVER2, "return 200 \\\" x;", "return", "200", "\"", "x");
  }

  @TestFactory
  Stream<DynamicTest> catalogue() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + abbreviate(c.snippet()), () -> check(c)));
  }

  @Test
  void everyCatalogueIdIsCovered() {
    List<String> ids = CASES.stream().map(c -> c.id().replaceAll("[a-z]$|-.*$", "")).toList();
    // include-resolution cases live in IncludeTest; -g cases have no counterpart in a file parser
    List<String> elsewhere = List.of("E68", "E85", "E97", "E98", "E99", "E100", "E101", "E102");
    for (int i = 1; i <= 117; i++) {
      String id = String.format("E%02d", i);
      assertTrue(ids.contains(id) || elsewhere.contains(id), id + " has no case");
    }
  }

  static void check(Case c) {
    byte[] in = Parsed.bytes(c.text());
    SourceFile f = parse(in);
    assertArrayEquals(in, f.print(), "round trip");
    SyntaxError e = fatal(f);
    if (c.error() == null) {
      assertNull(e, () -> "unexpected error " + e.message() + " at " + e.span());
    } else {
      assertNotNull(e, "expected: " + c.error());
      assertEquals(c.error(), e.message());
      int line = c.line() == EOF ? f.lines().line(f.size()) : c.line();
      int col = c.line() == EOF ? f.lines().column(f.size()) : c.col();
      assertEquals(line + ":" + col, e.span().line() + ":" + e.span().column(), "position of " + e.message());
      assertEquals(1, f.errors().stream().filter(SyntaxError::fatal).count(), "nginx stops at the first error");
    }
    if (c.directive() != null) {
      Statement s = find(f, c.directive());
      assertNotNull(s, "no statement " + c.directive() + " in " + all(f));
      assertEquals(c.args(), values(s));
    }
    if (c.extra() != null) {
      c.extra().accept(f);
    }
  }


  // ---- hand-made cases ----

  private static SyntaxError checkFatal(String text, String message, int line, int col) {
    SourceFile f = parse(text);
    assertArrayEquals(Parsed.bytes(text), f.print(), "round trip");
    SyntaxError e = fatal(f);
    assertNotNull(e, "expected: " + message);
    assertEquals(message, e.message());
    assertEquals(line + ":" + col, e.span().line() + ":" + e.span().column(), "position of " + message);
    return e;
  }

  private static SourceFile checkOk(String text) {
    SourceFile f = parse(text);
    assertArrayEquals(Parsed.bytes(text), f.print(), "round trip");
    SyntaxError e = fatal(f);
    assertNull(e, () -> "unexpected error " + e.message() + " at " + e.span());
    return f;
  }

  @Test
  void crlfFile() {
    SourceFile f = checkOk("http {\r\n    server {\r\n        listen 80;\r\n    }\r\n}\r\n");
    Statement listen = find(f, "listen");
    assertEquals(List.of("80"), values(listen));
    assertEquals(3, listen.span().line());
    assertEquals(9, listen.span().column());
    checkFatal("http {\r\n    server {\r\n        return 200 \"a\"b;\r\n", "unexpected \"b\"", 3, 23);
    // a CR glued after a closing quote is whitespace
    checkOk("return 200 \"a\"\r\n;\r\n");
  }

  @Test
  void bareCrFile() {
    // E86: CR separates words but is no line break; E113: a comment runs on to the next LF
    SourceFile f = checkOk("events {}\rhttp {\rserver {\rlisten 80;\r}\r}\r");
    assertEquals(1, find(f, "listen").span().line());
    SourceFile g = checkOk("# c\revents {}\rworker_processes 1;\r\nworker_processes 2;\r");
    assertEquals(1, g.statements().size());
    assertEquals(List.of("2"), values(g.statements().get(0)));
    checkFatal("events {}\rworker_processes 1 }\r", "unexpected \"}\"", 1, 30);
  }

  @Test
  void byteOrderMark() {
    String text = "\u00ef\u00bb\u00bfworker_processes 1;\nevents {}\n";
    SourceFile f = checkOk(text);
    assertEquals("worker_processes", f.statements().get(0).name());
    assertEquals(List.of("1"), values(f.statements().get(0)));
    assertEquals(1, f.errors().size());
    assertFalse(f.errors().get(0).fatal());
    assertEquals(0, f.errors().get(0).span().start());
    // a real error after a BOM is still found, and the BOM finding is kept
    SourceFile g = parse("\u00ef\u00bb\u00bfevents {}\n}\n");
    assertEquals(2, g.errors().size());
    assertEquals("unexpected \"}\"", fatal(g).message());
    assertEquals(2, fatal(g).span().line());
  }

  @Test
  void noFinalNewline() {
    checkOk("events {}");
    checkOk("events {}\nworker_processes 1;");
    checkOk("events {}\n# comment at the end");
    checkFatal("events {}\nworker_processes 1", EOF_STMT, 2, 19);
    checkFatal("events {", EOF_BLOCK, 1, 9);
    // a backslash as the very last byte is still one bare word
    checkFatal("events {}\nworker_processes 1\\", EOF_STMT, 2, 20);
    checkOk("events {}\n# c \\");
  }

  @Test
  void latin1AndInvalidUtf8() {
    String text = "# caf\u00e9 \u00ff\u00fe\nserver_name caf\u00e9.example \"\u00c3\u00a9t\u00e9\";\n";
    SourceFile f = checkOk(text);
    Statement s = f.statements().get(0);
    assertEquals("caf\ufffd.example", s.args().get(0).value()); // lenient decoding for display
    assertEquals("\u00e9t\ufffd", s.args().get(1).value());      // valid UTF-8 é, then a Latin-1 é
    assertEquals(" caf\ufffd \ufffd\ufffd", f.comments().get(0).text());
    // names and bytes of every kind survive; a non-UTF-8 name is a word like any other
    checkOk("\u00ff\u00fe \u0080;\n");
  }

  @Test
  void nulBytes() {
    SourceFile f = checkOk("return 200 a\u0000b; # \u0000\n\u0000 x;\n");
    assertEquals(List.of("200", "a\u0000b"), values(f.statements().get(0)));
    assertEquals("\u0000", f.statements().get(1).name());
  }

  /** E37..E39, E96 at several distances from the start of the file (other buffer windows). */
  @Test
  void tokenLimitsAnywhereInALargeFile() {
    for (int filler : new int[] {0, 100, 3000, 4090, 9000}) {
      String pad = "# pad\n".repeat(filler / 6) + "events {}\n";
      String after = "\n" + "worker_processes 1;\n".repeat(250);
      int line = pad.split("\n", -1).length;
      checkOk(pad + "return 200 " + "b".repeat(4095) + ";" + after);
      checkFatal(pad + "return 200 " + "b".repeat(4096) + ";" + after,
          "too long parameter \"bbbbbbbbbb...\" started", line, 12);
      checkOk(pad + "return 200 '" + "q".repeat(4094) + "';" + after);
      checkFatal(pad + "return 200 '" + "q".repeat(4095) + "';" + after,
          "too long parameter \"qqqqqqqqqq...\" started", line, 12);
      checkFatal(pad + "return 200 '" + "q".repeat(4096) + "';" + after,
          "too long parameter, probably missing terminating \"'\" character", line, 12);
      checkOk(pad + "#" + "c".repeat(4094) + after);
      checkFatal(pad + "#" + "c".repeat(4095) + after, "too long parameter \"#ccccccccc...\" started", line, 1);
      // a forgotten closing quote in a big file: the length error, as nginx says it
      checkFatal(pad + "return 200 \"oops;" + after + "x".repeat(5000),
          "too long parameter, probably missing terminating \"\"\" character", line, 12);
    }
    // many tokens of just under the limit in a row are fine
    checkOk(("return 200 " + "z".repeat(4095) + ";\n").repeat(5));
  }

  @Test
  void luaBlocks() {
    // E109 needs the long string to leave nginx's buffer; under 4 KB it is fine
    checkOk("location / { content_by_lua_block { local s = [[" + "x".repeat(3000) + "]] } }\n");
    checkOk("location / { content_by_lua_block { local s = [==[" + "}".repeat(3000) + "]==] } }\n");
    checkFatal("location / {\ncontent_by_lua_block { local s = --[=[ x ]] }\n}\n",
        "Lua code block missing the closing long bracket \"]=]\", the inlined Lua code may be too long", 2, 34);
    checkFatal("location / {\ncontent_by_lua_block {\n local s = 1\n",
        "unexpected end of file, expecting terminating characters for lua code block", 2, 23);
    // nested braces, strings with braces and escapes, comments, ']]' on its own
    SourceFile f = checkOk("init_by_lua_block {\n local t = { a = { \"}\" }, b = '{' }\n"
        + " -- } comment\n local x = t[t[1]]\n}\nhttp { }\n");
    assertEquals(2, f.statements().size());
    assertEquals("http", f.statements().get(1).name());
    // a lua-looking name only counts as the first word: "set $x content_by_lua_block {" is a block
    SourceFile g = checkOk("set content_by_lua_block { return 1; }\n");
    assertTrue(g.statements().get(0).hasBlock());
    // a long block made of short tokens, spread over many buffer refills (E110)
    checkOk("content_by_lua_block {\n" + "  local t = { [[a]], \"}\", '{' } -- }\n".repeat(2000) + "}\n");
  }

  // ---- the corpus torture files of nginx-lexer.md §16 ----

  private static SourceFile corpus(String path) {
    byte[] in;
    try {
      in = java.nio.file.Files.readAllBytes(Corpus.dir().resolve(path));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    SourceFile f = ConfigParser.parse(Path.of(path), path, in);
    assertArrayEquals(in, f.print(), "round trip of " + path);
    return f;
  }

  private static SourceFile corpusOk(String path) {
    SourceFile f = corpus(path);
    SyntaxError e = fatal(f);
    assertNull(e, () -> path + ": " + e.message() + " at " + e.span());
    return f;
  }

  @Test
  void messy() {
    for (String p : List.of("crossplane/tests/configs/messy/nginx.conf",
        "nginx-go-crossplane/testdata/configs/messy/nginx.conf")) {
      SourceFile f = corpusOk(p);
      assertEquals(List.of("2048"), values(find(f, "worker_connections")));
      List<List<String>> locations = all(f).stream().filter(s -> s.name().equals("location")).map(Parsed::values).toList();
      assertTrue(locations.contains(List.of("/\\{\\;\\}\\ #\\ ab")), locations.toString());
      assertTrue(locations.contains(List.of("/sta;\n                    tus")), locations.toString());
      assertTrue(locations.contains(List.of("~", "/hello/world;")), locations.toString());
      assertEquals(List.of("($request_method", "=", "P\\{O\\)\\###\\;ST", ")"), values(find(f, "if")));
      assertEquals(List.of("/abc/${uri}", "/abc/${uri}.html", "=404"), values(find(f, "try_files")));
      Statement ret = all(f).stream().filter(s -> s.name().equals("return")).findFirst().orElseThrow();
      assertEquals(List.of("200", "Ser\" ' ' ver\\ \\ $server_addr:\\$server_port\n\nTime: $time_local\n\n"), values(ret));
      assertTrue(f.comments().stream().anyMatch(c -> c.text().equals("forteen")));
    }
  }

  @Test
  void commentsBetweenArgs() {
    SourceFile f = corpusOk("crossplane/tests/configs/comments-between-args/nginx.conf");
    assertEquals(List.of("\\#arg\\ 1", "#arg 2"), values(find(f, "log_format")));
    assertEquals(5, f.comments().size());
  }

  @Test
  void quoteBehaviour() {
    for (String p : List.of("crossplane/tests/configs/quote-behavior/nginx.conf",
        "nginx-go-crossplane/testdata/configs/quote-behavior/nginx.conf")) {
      SyntaxError e = fatal(corpus(p));
      assertEquals("unexpected \"-\"", e.message());
      assertEquals("1:21", e.span().line() + ":" + e.span().column());
    }
  }

  @Test
  void certbotEdgeCases() {
    String dir = "certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/";
    corpusOk(dir + "edge_cases.conf");
    SourceFile m = corpusOk(dir + "multiline_quotes.conf");
    assertTrue(all(m).stream().anyMatch(s -> s.args().stream().anyMatch(a -> a.value().contains("\n"))));
    SourceFile u = corpusOk(dir + "invalid_unicode_comments.conf");
    assertFalse(u.comments().isEmpty());
    // "@@@" at the end: nginx stops earlier on a missing certificate, but the tokenizer would say:
    SyntaxError e = fatal(corpus(dir + "broken.conf"));
    assertEquals(EOF_STMT, e.message());
  }

  @Test
  void luaBlockTestSuite() {
    for (int i = 1; i <= 24; i++) {
      String p = String.format("lua-nginx-module/t/132-lua-blocks.t/TEST-%03d.config.conf", i);
      if (!java.nio.file.Files.exists(Corpus.dir().resolve(p))) {
        continue;
      }
      SourceFile f = corpus(p);
      boolean mustFail = (i >= 10 && i <= 14) || i == 24;
      assertEquals(mustFail, fatal(f) != null, p + (fatal(f) == null ? "" : ": " + fatal(f).message()));
    }
  }

  @Test
  void appConfigs() {
    SourceFile j = corpusOk("jitsi-meet/doc/debian/jitsi-meet/jitsi-meet.example");
    assertTrue(all(j).stream().anyMatch(s -> values(s).contains("^/([^/?&:'\"]+)$")));
    SourceFile p = corpus("peertube/support/nginx/peertube"); // a template, but it tokenizes
    assertNull(fatal(p));
    assertEquals("text/css", find(p, "gzip_types").args().get(0).value());
    assertTrue(all(p).stream().anyMatch(s -> s.args().stream().anyMatch(a -> a.value().contains("${"))));
    SourceFile m = corpusOk("magento2/nginx.conf.sample");
    assertTrue(all(m).stream().anyMatch(s -> values(s).contains("memory_limit=768M \n max_execution_time=600")));
  }

  @Test
  void largeConfigIsFast() {
    long t0 = System.nanoTime();
    SourceFile f = corpusOk("nginx-go-crossplane/testdata/configs/large-config/nginx.conf");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("large-config (" + f.size() / 1024 + " KB, " + all(f).size() + " statements): " + ms + " ms");
    assertTrue(ms < 10_000, ms + " ms");
  }

  private static String abbreviate(String s) {
    String t = s.replace("\n", "⏎").replace("\r", "<CR>");
    return t.length() > 50 ? t.substring(0, 47) + "..." : t;
  }
}
