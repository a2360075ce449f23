package dev.nginxlint.cli;

import static dev.nginxlint.testsupport.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.testsupport.Fixtures;
import dev.nginxlint.testsupport.Cli.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `check --diff` prints a patch that `git apply` takes and that gives the bytes `fix` writes. */
class FixCommandTest {

  private static final Path EXAMPLE = Path.of(System.getProperty("nginxlint.repo", "."), "examples", "basic");

  @TempDir
  Path tmp;


  @Test
  void diffAppliesWithGitApplyAndEqualsFix() throws Exception {
    Path viaDiff = tmp.resolve("a");
    Path viaFix = tmp.resolve("b");
    Fixtures.copyTree(EXAMPLE, viaDiff.resolve("conf"));
    Fixtures.copyTree(EXAMPLE, viaFix.resolve("conf"));

    Run diff = run(viaDiff, "check", "--no-config", "--unsafe-fixes", "--diff", "conf");
    assertEquals(ExitCodes.FINDINGS, diff.code(), "a diff was printed: exit 1\n" + diff.err());
    assertTrue(diff.out().startsWith("--- a/conf/"), diff.out());
    Path patch = tmp.resolve("fix.patch");
    Files.writeString(patch, diff.out(), StandardCharsets.UTF_8);
    Process git = new ProcessBuilder("git", "apply", patch.toString()).directory(viaDiff.toFile())
        .redirectErrorStream(true).start();
    String gitOut = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, git.waitFor(), "git apply: " + gitOut);

    Run fix = run(viaFix, "fix", "--no-config", "--unsafe-fixes", "conf");
    assertEquals(ExitCodes.CLEAN, fix.code(), "everything fixed: exit 0\n" + fix.out() + fix.err());
    assertTrue(fix.err().contains("remaining 0"), fix.err());
    for (String f : List.of("nginx.conf", "conf.d/app.conf", "mime.types")) {
      assertEquals(Files.readString(viaFix.resolve("conf").resolve(f)), Files.readString(viaDiff.resolve("conf").resolve(f)), f);
    }
    Run again = run(viaFix, "check", "--no-config", "--unsafe-fixes", "--diff", "conf");
    assertEquals(ExitCodes.CLEAN, again.code(), "nothing left to fix: " + again.out());
    assertEquals("", again.out());
  }

  @Test
  void outputDirWritesCopiesAndLeavesTheTreeAlone() throws IOException {
    Fixtures.copyTree(EXAMPLE, tmp.resolve("conf"));
    byte[] before = Files.readAllBytes(tmp.resolve("conf/conf.d/app.conf"));
    Run r = run(tmp, "check", "--no-config", "--fix", "--output-dir", "out", "conf");
    assertTrue(r.code() == ExitCodes.CLEAN || r.code() == ExitCodes.FINDINGS, r.err());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(tmp.resolve("conf/conf.d/app.conf")));
    assertTrue(Files.readString(tmp.resolve("out/conf/conf.d/app.conf")).contains("keepalive 32;"));
  }

  @Test
  void stdinCannotBeFixed() {
    Run r = run(tmp, "check", "--fix", "-");
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().startsWith("nginx-lint: ") && r.err().strip().lines().count() == 1, r.err());
  }

  /** A Debian layout in a git repository: the site is enabled through a relative symlink. */
  private static void debianTree(Path repo) throws Exception {
    Path etc = repo.resolve("etc/nginx");
    Files.createDirectories(etc.resolve("sites-available"));
    Files.createDirectories(etc.resolve("sites-enabled"));
    Files.createDirectories(etc.resolve("conf.d"));
    Files.writeString(etc.resolve("nginx.conf"), "worker_rlimit_nofile 8192;\n\nevents {\n"
        + "\tworker_connections 4096;\n}\n\nhttp {\n\tinclude conf.d/*.conf;\n\tinclude sites-enabled/*;\n}\n");
    Files.writeString(etc.resolve("conf.d/upstreams.conf"), "upstream api {\n\tserver 127.0.0.1:9002;\n}\n");
    String timeouts = "\tproxy_connect_timeout 5s;\n\tproxy_read_timeout 30s;\n\tproxy_send_timeout 30s;\n"
        + "\tproxy_http_version 1.1;\n\tproxy_set_header Connection \"\";\n";
    Files.writeString(etc.resolve("sites-available/shop"), "upstream shop_app {\n\tserver 127.0.0.1:9001;\n}\n\n"
        + "server {\n\tlisten 127.0.0.1:8081;\n" + timeouts + "\tlocation / {\n\t\tproxy_pass http://shop_app;\n"
        + "\t}\n}\n");
    Files.writeString(etc.resolve("sites-available/blog"), "server {\n\tlisten 127.0.0.1:8082;\n" + timeouts
        + "\tlocation / {\n\t\tproxy_pass http://api;\n\t}\n}\n");
    Files.writeString(etc.resolve("sites-available/unused"), "server {\n\tlisten 127.0.0.1:8083;\n}\n");
    Files.createSymbolicLink(etc.resolve("sites-enabled/shop"), Path.of("../sites-available/shop"));
    Files.createSymbolicLink(etc.resolve("sites-enabled/blog"), etc.resolve("sites-available/blog").toAbsolutePath());
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "tree");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    return exec(dir, cmd);
  }

  private static String exec(Path dir, List<String> cmd) throws Exception {
    return dev.nginxlint.testsupport.Commands.succeed(dir, cmd);
  }

  @Test
  void diffThroughSymlinkedSitesNamesTheTargetAndApplies() throws Exception {
    Path viaDiff = tmp.resolve("a");
    Path viaFix = tmp.resolve("b");
    debianTree(viaDiff);
    debianTree(viaFix);

    Run diff = run(viaDiff, "check", "--no-config", "--diff", "etc/nginx/nginx.conf");
    assertEquals(ExitCodes.FINDINGS, diff.code(), diff.out() + diff.err());
    // the keepalive fixes land in the files the links point at, named as git sees them
    assertTrue(diff.out().contains("--- a/etc/nginx/sites-available/shop\n+++ b/etc/nginx/sites-available/shop\n"),
        diff.out());
    assertTrue(diff.out().contains("--- a/etc/nginx/conf.d/upstreams.conf\n"), diff.out());
    assertTrue(!diff.out().contains("sites-enabled"), diff.out());
    Path patch = tmp.resolve("sites.patch");
    Files.writeString(patch, diff.out(), StandardCharsets.UTF_8);
    exec(viaDiff, List.of("git", "apply", "--check", patch.toString()));
    exec(viaDiff, List.of("patch", "-p1", "--dry-run", "-i", patch.toString()));
    exec(viaDiff, List.of("git", "apply", patch.toString()));

    Run fix = run(viaFix, "fix", "--no-config", "etc/nginx/nginx.conf");
    assertEquals(ExitCodes.CLEAN, fix.code(), fix.out() + fix.err());
    // fix writes through the links: they stay links
    assertTrue(Files.isSymbolicLink(viaFix.resolve("etc/nginx/sites-enabled/shop")));
    assertTrue(Files.isSymbolicLink(viaFix.resolve("etc/nginx/sites-enabled/blog")));
    for (String f : List.of("nginx.conf", "sites-available/shop", "conf.d/upstreams.conf")) {
      String fixed = Files.readString(viaFix.resolve("etc/nginx").resolve(f));
      assertEquals(fixed, Files.readString(viaDiff.resolve("etc/nginx").resolve(f)), f);
    }
    assertTrue(Files.readString(viaFix.resolve("etc/nginx/sites-available/shop")).contains("keepalive 32;"));
    // both trees now hold the same commit-able change, the links untouched
    assertEquals(git(viaFix, "status", "--porcelain"), git(viaDiff, "status", "--porcelain"));

    // from inside etc/nginx the names are relative to there, and patch -p1 takes them
    Path inside = tmp.resolve("c");
    debianTree(inside);
    Run local = run(inside.resolve("etc/nginx"), "check", "--no-config", "--diff", ".");
    assertTrue(local.out().contains("--- a/sites-available/shop\n"), local.out());
    Files.writeString(patch, local.out(), StandardCharsets.UTF_8);
    exec(inside.resolve("etc/nginx"), List.of("patch", "-p1", "-i", patch.toString()));
    assertEquals(Files.readString(viaFix.resolve("etc/nginx/sites-available/shop")),
        Files.readString(inside.resolve("etc/nginx/sites-available/shop")));
  }

  @Test
  void outputDirCopiesTheLinkTarget() throws Exception {
    debianTree(tmp);
    Run r = run(tmp.resolve("etc/nginx"), "check", "--no-config", "--fix", "--output-dir", "out", "nginx.conf");
    assertEquals(ExitCodes.CLEAN, r.code(), r.out() + r.err());
    Path out = tmp.resolve("etc/nginx/out");
    assertTrue(Files.readString(out.resolve("sites-available/shop")).contains("keepalive 32;"));
    assertTrue(Files.notExists(out.resolve("sites-enabled")), "no copy under the link's name");
    assertTrue(!Files.readString(tmp.resolve("etc/nginx/sites-available/shop")).contains("keepalive"));
  }
}
