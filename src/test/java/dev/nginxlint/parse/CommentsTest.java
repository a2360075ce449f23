package dev.nginxlint.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.model.Comment;
import dev.nginxlint.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every comment of a file is kept, in order, also those after where nginx stops reading. */
class CommentsTest {

  private static List<String> comments(String text, boolean pipelined) {
    SourceFile f = ConfigParser.parse(null, "t.conf", text.getBytes(StandardCharsets.ISO_8859_1), pipelined);
    return f.comments().stream().map(Comment::text).toList();
  }

  @Test
  void commentsBeforeAndAfterASyntaxErrorAreAllKept() {
    String text = "# one\nevents { # two\n}\nhttp { }\n}\n# after the stray brace\nuser x; # last";
    for (boolean pipelined : new boolean[] {false, true}) {
      SourceFile f = ConfigParser.parse(null, "t.conf", text.getBytes(StandardCharsets.ISO_8859_1), pipelined);
      assertTrue(f.hasErrors(), "the stray } stops nginx");
      assertEquals(List.of(" one", " two", " after the stray brace", " last"), comments(text, pipelined));
    }
  }

  @Test
  void aCommentAfterALuaBlockIsKept() {
    String text = "location / { content_by_lua_block { ngx.say(1) } # lua\n}\n# end\n";
    assertEquals(List.of(" lua", " end"), comments(text, false));
  }
}
