package dev.nginxlint.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 20: the formatter's layout and the cases that break other nginx formatters. */
class FormatterTest {

  private static String fmt(String in) {
    return fmt(in, Formatter.Style.KEEP);
  }

  private static String fmt(String in, Formatter.Style style) {
    Formatter.Result r = Formatter.format(Path.of("t.conf"), "t.conf", in.getBytes(StandardCharsets.UTF_8), style);
    assertTrue(r.ok(), r.problem());
    String out = new String(r.formatted(), StandardCharsets.UTF_8);
    // idempotent
    Formatter.Result again = Formatter.format(Path.of("t.conf"), "t.conf", r.formatted(), style);
    assertEquals(out, new String(again.formatted(), StandardCharsets.UTF_8));
    return out;
  }

  @Test
  void layout() {
    // (the file's own unit: 2 spaces)
    assertEquals("http {\n  server {\n    listen 80;\n    server_name a b;\n  }\n}\n",
        fmt("http\n{\n  server {listen 80;   server_name a   b;\n\n\n}\n}"));
    // one blank line at most, none after '{'; empty blocks stay on one line; no trailing spaces
    assertEquals("events {}\nhttp {\n  a 1;\n\n  b 2;\n}\n", fmt("events {}\nhttp {\n\n  a 1;   \n\n\n\n  b 2;\n}\n"));
  }

  @Test
  void tokensAreNeverTouched() {
    // '#', '{' and ';' inside quotes, escaped quotes, ${} in a regex, a multi-line string
    String in = "location ~ \"^/a#b{1,3};$\" {\n  return 200 'it\\'s { ; }';\n"
        + "  rewrite \"^/(?<x>[a-z]{2})/${x}$\" /$x;\n  add_header X \"a\n  b\";\n}\n";
    String out = fmt(in);
    assertTrue(out.contains("\"^/a#b{1,3};$\""), out);
    assertTrue(out.contains("'it\\'s { ; }'"), out);
    assertTrue(out.contains("^/(?<x>[a-z]{2})/${x}$"), out);
    assertTrue(out.contains("\"a\n  b\""), out);
  }

  @Test
  void commentsStayWhereTheyAre() {
    assertEquals("http {\n    # about the server\n    server {\n        listen 80; # the port\n    }\n    # last\n}\n",
        fmt("http {\n# about the server\nserver {\n listen 80;   # the port\n}\n      # last\n}\n"));
  }

  @Test
  void luaBlocksAreCopiedWhole() {
    String body = "{\n      local t = { a = 1 }  -- } ; #\n   ngx.say(\"}\")\n  }";
    String out = fmt("location / {\ncontent_by_lua_block " + body + "\n}\n");
    assertTrue(out.contains("content_by_lua_block " + body), out);
  }

  @Test
  void lineEndingsBomTabsFinalNewlineAndLatin1() {
    assertEquals("http {\r\n\tserver {\r\n\t\tlisten 80;\r\n\t}\r\n}\r\n",
        fmt("http {\r\n\tserver {\r\n  listen 80;\r\n}\r\n}"));
    byte[] bom = "\uFEFFevents {}\n".getBytes(StandardCharsets.UTF_8);
    Formatter.Result r = Formatter.format(Path.of("b.conf"), "b.conf", bom, Formatter.Style.KEEP);
    assertArrayEquals(bom, r.formatted());
    byte[] latin1 = "server_name caf\u00e9;\n".getBytes(StandardCharsets.ISO_8859_1);
    Formatter.Result l = Formatter.format(Path.of("l.conf"), "l.conf", latin1, Formatter.Style.KEEP);
    assertTrue(l.ok(), l.problem());
    assertArrayEquals(latin1, l.formatted());
  }

  @Test
  void indentStyles() {
    String in = "http {\n  server {\n    listen 80;\n  }\n}\n";
    assertEquals(in, fmt(in));
    assertEquals("http {\n\tserver {\n\t\tlisten 80;\n\t}\n}\n", fmt(in, new Formatter.Style("\t")));
    assertEquals("http {\n    server {\n        listen 80;\n    }\n}\n", fmt(in, new Formatter.Style("    ")));
  }

  private static final Formatter.Style ALIGN = Formatter.Style.KEEP.withAlignValues(true);

  @Test
  void valueColumnsAreAlignedOnlyWhenAsked() {
    String in = "map $http_host $backend {\n  default app;\n  a.example.com one;\n  ~^(www\\.)?b\\.example\\.com$ two;\n}\n";
    assertEquals(in, fmt(in), "off by default");
    assertEquals("map $http_host $backend {\n"
        + "  default                    app;\n"
        + "  a.example.com              one;\n"
        + "  ~^(www\\.)?b\\.example\\.com$ two;\n}\n", fmt(in, ALIGN));
    // an aligned body, formatted without the option, gets one space again
    assertEquals(in, fmt(fmt(in, ALIGN)));
  }

  @Test
  void alignmentGroupsCommentsIncludesAndMultiTokenValues() {
    String in = "http {\n"
        + "  types {\n"
        + "    text/html html htm shtml;\n"
        + "    # images\n"
        + "    image/svg+xml svg   svgz; # vector\n"
        + "    include more.types;\n"
        + "    application/json json;\n"
        + "\n"
        + "    font/woff2 woff2;\n"
        + "    a/b \"x y\";\n"
        + "  }\n"
        + "  geo $remote_addr $office {\n"
        + "    ranges;\n"
        + "    default 0;\n"
        + "    10.0.0.1-10.0.0.255 1; # lan\n"
        + "    proxy\n"
        + "      192.168.1.1;\n"
        + "    127.0.0.1-127.0.0.1 2;\n"
        + "  }\n"
        + "  split_clients \"${remote_addr}\" $variant {\n    0.5% a;\n    99% b;\n    * c;\n  }\n"
        + "  server {\n    listen 80;\n    server_name a;\n  }\n"
        + "}\n";
    String out = fmt(in, ALIGN);
    assertEquals("http {\n"
        + "  types {\n"
        + "    text/html     html htm shtml;\n" // only the gap after the key: later words keep theirs
        + "    # images\n"
        + "    image/svg+xml svg svgz; # vector\n"
        + "    include more.types;\n" // an include is not an entry, and it ends the group
        + "    application/json json;\n"
        + "\n"
        + "    font/woff2 woff2;\n" // a blank line starts a new group
        + "    a/b        \"x y\";\n"
        + "  }\n"
        + "  geo $remote_addr $office {\n"
        + "    ranges;\n"
        + "    default             0;\n"
        + "    10.0.0.1-10.0.0.255 1; # lan\n"
        + "    proxy\n" // broken over lines by its author: kept, and it parts the group
        + "      192.168.1.1;\n"
        + "    127.0.0.1-127.0.0.1 2;\n"
        + "  }\n"
        + "  split_clients \"${remote_addr}\" $variant {\n    0.5% a;\n    99%  b;\n    *    c;\n  }\n"
        + "  server {\n    listen 80;\n    server_name a;\n  }\n" // not a data block
        + "}\n", out);
  }

  @Test
  void alignmentKeepsCrlfAndSkipsVeryLongKeys() {
    String key = "~^/" + "x".repeat(Formatter.MAX_ALIGNED_KEY) + "$";
    String in = "map $uri $m {\r\n  a 1;\r\n  bbb 2;\r\n  " + key + " 3;\r\n  \"\u00e9t\u00e9\" 4;\r\n}\r\n";
    assertEquals("map $uri $m {\r\n  a     1;\r\n  bbb   2;\r\n  " + key + " 3;\r\n  \"\u00e9t\u00e9\" 4;\r\n}\r\n",
        fmt(in, ALIGN)); // a UTF-8 key is as wide as its characters
  }

  @Test
  void aFileWithASyntaxErrorIsLeftAlone() {
    Formatter.Result r = Formatter.format(Path.of("x.conf"), "x.conf",
        "http {\n  server {\n".getBytes(StandardCharsets.UTF_8), Formatter.Style.KEEP);
    assertFalse(r.ok());
    assertTrue(r.problem().startsWith("x.conf:"), r.problem());
  }
}
