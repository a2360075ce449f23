package dev.nginxlint.fix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.fixloop.FixApplier;
import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixInfrastructureTest {

  @TempDir
  Path dir;

  private FixApplier.Result fix(Path main, LintRule... extra) {
    List<LintRule> rules = new ArrayList<>(List.of(extra));
    rules.addAll(List.of(RuleRegistry.byId("syntax-error")));
    Linter linter = new Linter(new Settings(), RuleRegistry.rules().running(rules));
    NioFileSource src = new NioFileSource(FileSystems.getDefault(), dir);
    return new FixApplier(src, s -> new ConfigLoader(s, new PrefixMap()), linter,
        EnumSet.of(Applicability.SAFE)).run(l -> {
          try {
            return l.load(List.of(main.toString()));
          } catch (ConfigLoader.InputException e) {
            throw new AssertionError(e);
          }
        });
  }

  private static String after(FixApplier.Result r) {
    assertEquals(1, r.changes().size(), "one file changed");
    return new String(r.changes().values().iterator().next().after(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void insertsWithSiblingIndentationAndLf() throws IOException {
    Path f = write("nginx.conf", "events {}\nhttp {\n  upstream a {\n    server 127.0.0.1:1;\n  }\n}\n");
    assertEquals("events {}\nhttp {\n  upstream a {\n    server 127.0.0.1:1;\n    keepalive 32;\n  }\n}\n",
        after(fix(f, new AddKeepaliveTestRule())));
  }

  @Test
  void crlfAndTabsAreKept() throws IOException {
    Path f = write("nginx.conf", "events {}\r\nhttp {\r\n\tupstream a {\r\n\t\tserver 127.0.0.1:1;\r\n\t}\r\n}");
    assertEquals("events {}\r\nhttp {\r\n\tupstream a {\r\n\t\tserver 127.0.0.1:1;\r\n\t\tkeepalive 32;\r\n\t}\r\n}",
        after(fix(f, new AddKeepaliveTestRule())));
  }

  @Test
  void trailingCommentStaysWithItsDirective() throws IOException {
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1; # café\n    }\n}\n");
    assertEquals("http {\n    upstream a {\n        server 127.0.0.1:1; # caf\u00c3\u00a9\n        keepalive 32;\n    }\n}\n",
        after(fix(f, new AddKeepaliveTestRule())));
  }

  @Test
  void emptyOneLineBlockIsOpenedUp() throws IOException {
    Path f = write("nginx.conf", "http {\n    upstream a {}\n}\n");
    assertEquals("http {\n    upstream a {\n        keepalive 32;\n    }\n}\n", after(fix(f, new AddKeepaliveTestRule())));
  }

  @Test
  void fixingTwiceChangesNothing() throws IOException {
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1;\n    }\n}\n");
    FixApplier.Result r = fix(f, new AddKeepaliveTestRule());
    Files.write(f, r.changes().values().iterator().next().after());
    assertTrue(fix(f, new AddKeepaliveTestRule()).changes().isEmpty(), "second pass is a no-op");
  }

  @Test
  void overlappingEditsAreSkippedAndAppliedInALaterRound() {
    Path p = dir.resolve("x.conf");
    byte[] bytes = "abcdef".getBytes(StandardCharsets.US_ASCII);
    var file = dev.nginxlint.parse.ConfigParser.parse(p, "x.conf", bytes);
    TextEdit a = new TextEdit(file, 1, 3, "X");
    TextEdit b = new TextEdit(file, 2, 4, "Y");
    assertTrue(a.overlaps(b));
    assertFalse(new TextEdit(file, 1, 1, "i").overlaps(new TextEdit(file, 1, 1, "j")));
    assertEquals("aXdef", new String(FixApplier.apply(bytes, List.of(a)), StandardCharsets.US_ASCII));
    assertEquals("aijbcdef", new String(FixApplier.apply(bytes,
        List.of(new TextEdit(file, 1, 1, "i"), new TextEdit(file, 1, 1, "j"))), StandardCharsets.US_ASCII));
  }

  @Test
  void aFixThatBreaksTheParseIsNotApplied() throws IOException {
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1;\n    }\n}\n");
    LintRule breaker = new BreakingTestRule();
    FixApplier.Result r = fix(f, breaker);
    assertTrue(r.changes().isEmpty(), "file left as it was");
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).contains("unreadable"), r.problems().get(0));
  }

  @Test
  void safeWriteFollowsSymlinksKeepsModeAndRefusesChangedFiles() throws IOException {
    Path target = write("sites-available/app.conf", "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    Files.createDirectories(dir.resolve("sites-enabled"));
    Path link = Files.createSymbolicLink(dir.resolve("sites-enabled/app.conf"), Path.of("../sites-available/app.conf"));
    SafeWriter.write(link, "old\n".getBytes(StandardCharsets.UTF_8), "new\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals("new\n", Files.readString(target));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertThrows(SafeWriter.ChangedOnDiskException.class,
        () -> SafeWriter.write(link, "old\n".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new\n", Files.readString(target));
    try (var s = Files.list(target.getParent())) {
      assertEquals(List.of("app.conf"), s.map(p -> p.getFileName().toString()).toList(), "no temp files left");
    }
  }

  @Test
  void killedMidWriteLeavesTheOldOrTheNewFileWhole() throws Exception {
    Path target = dir.resolve("big.conf");
    byte[] a = new byte[4 << 20];
    java.util.Arrays.fill(a, (byte) 'a');
    Files.write(target, a);
    String cp = System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 5; round++) {
      Process p = new ProcessBuilder(java, "-cp", cp, SafeWriterProbe.class.getName(), target.toString())
          .redirectErrorStream(true).start();
      Thread.sleep(300 + random.nextInt(700));
      p.destroyForcibly().waitFor();
      byte[] now = Files.readAllBytes(target);
      assertEquals(a.length, now.length, "whole file after kill in round " + round);
      byte first = now[0];
      assertTrue(first == 'a' || first == 'b');
      for (byte x : now) {
        if (x != first) {
          throw new AssertionError("mixed content after kill in round " + round);
        }
      }
    }
  }

  @Test
  void diffAppliesWithGitApplyAndGivesTheFixedBytes() throws Exception {
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1;\n    }\n}");
    FixApplier.Result r = fix(f, new AddKeepaliveTestRule());
    FixApplier.Change c = r.changes().values().iterator().next();
    String patch = UnifiedDiff.diff("nginx.conf", c.before(), c.after());
    Path copy = Files.createDirectories(dir.resolve("copy"));
    Files.write(copy.resolve("nginx.conf"), c.before());
    Files.write(dir.resolve("fix.patch"), UnifiedDiff.bytes(patch));
    Process p = new ProcessBuilder("git", "apply", "--unsafe-paths", dir.resolve("fix.patch").toString())
        .directory(copy.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "git apply failed: " + out + "\n" + patch);
    assertArrayEquals(c.after(), Files.readAllBytes(copy.resolve("nginx.conf")));
  }

  @Test
  void aDirectiveAddedNextToAnIncludeThatReadNothingIsUnsafe() throws IOException {
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1;\n        include up.d/*.conf;\n    }\n}\n");
    assertTrue(fix(f, new AddKeepaliveTestRule()).changes().isEmpty(), "not applied as a safe fix");
    Fix caveated = Fix.safe("add keepalive 32", List.of(Edits.insertAtEnd(upstream(f), "keepalive 32;")));
    assertEquals(Applicability.UNSAFE, caveated.applicability());
    assertTrue(caveated.title().startsWith("add keepalive 32 (unsafe: upstream {} includes up.d/*.conf (nginx.conf:4)"),
        caveated.title());
  }

  @Test
  void anIncludeOfAnEmptyFileIsKnownAndDoesNotHoldAFixBack() throws IOException {
    write("up.d/empty.conf", "# filled in later\n");
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1;\n        include up.d/*.conf;\n    }\n}\n");
    assertTrue(after(fix(f, new AddKeepaliveTestRule())).contains("keepalive 32;"));
  }

  @Test
  void aDirectiveAnIncludedFileSetsAlreadyIsDisplayOnly() throws IOException {
    write("up.conf", "keepalive 16;\n");
    Path f = write("nginx.conf", "http {\n    upstream a {\n        server 127.0.0.1:1;\n        include up.conf;\n    }\n}\n");
    Fix fix = Fix.safe("add keepalive 32", List.of(Edits.insertAtEnd(upstream(f), "keepalive 32;")));
    assertEquals(Applicability.DISPLAY_ONLY, fix.applicability());
    assertTrue(fix.title().contains("keepalive is already set here in up.conf:1"), fix.title());
  }

  @Test
  void anOuterLevelsUnknownIncludeMakesAnInnerAdditionUnsafe() throws IOException {
    Path f = write("nginx.conf", "http {\n    include custom/http[.]conf;\n    server {\n        listen 127.0.0.1:8080;\n"
        + "        location / {\n            proxy_pass http://127.0.0.1:1;\n        }\n    }\n}\n");
    var location = load(f).directives().get(0).child("server").child("location");
    Fix timeouts = Fix.safe("add proxy_read_timeout", List.of(Edits.insertAtStart(location, "proxy_read_timeout 30s;")));
    assertEquals(Applicability.UNSAFE, timeouts.applicability());
    assertTrue(timeouts.title().contains("http {} includes custom/http[.]conf"), timeouts.title());
  }

  @Test
  void anOuterIncludeCannotSetWhatItsLevelDoesNotAllow() throws IOException {
    // keepalive cannot stand at http level: a deploy-time http file cannot set it for the upstream
    Path f = write("nginx.conf", "http {\n    include custom/http[.]conf;\n    upstream a {\n        server 127.0.0.1:1;\n    }\n}\n");
    assertTrue(after(fix(f, new AddKeepaliveTestRule())).contains("keepalive 32;"));
  }

  private dev.nginxlint.model.Directive upstream(Path main) {
    return load(main).directives().get(0).child("upstream");
  }

  private dev.nginxlint.model.ConfigTree load(Path main) {
    try {
      return new ConfigLoader(new NioFileSource(FileSystems.getDefault(), dir), new PrefixMap())
          .load(List.of(main.toString())).trees().get(0);
    } catch (ConfigLoader.InputException e) {
      throw new AssertionError(e);
    }
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /** Writes the file again and again, alternating its content, until killed. */
  public static final class SafeWriterProbe {
    public static void main(String[] args) throws IOException {
      Path target = Path.of(args[0]);
      for (int i = 0; ; i++) {
        byte[] old = Files.readAllBytes(target);
        byte[] next = new byte[old.length];
        java.util.Arrays.fill(next, old[0] == 'a' ? (byte) 'b' : (byte) 'a');
        SafeWriter.write(target, old, next);
      }
    }
  }

}
