package dev.nginxlint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real nginx binary as an oracle, in test mode only ({@code nginx -t -q}); it never
 * starts a server.
 *
 * <p>Behaviour of nginx 1.22.1 (Debian bookworm nginx-extras) that shapes this class, verified by
 * hand:
 *
 * <ul>
 *   <li>{@code nginx -t} creates the pid file (empty) to check it is writable, so without our own
 *       {@code -g 'pid ...;'} it would create {@code /run/nginx.pid}. We pass a pid in a scratch
 *       dir, unless the config sets {@code pid} itself: a second {@code pid} fails with {@code
 *       "pid" directive is duplicate}. We detect that with a regex and also retry without our pid
 *       when nginx reports the duplicate (pid set in an included file).
 *   <li>{@code error_log} may repeat, so {@code -g 'error_log FILE;'} is always safe. Parse errors
 *       and warnings go to stderr regardless (the binary is built with error-log-path=stderr).
 *   <li>{@code -g 'include /etc/nginx/modules-enabled/*.conf;'} works, but Debian's module files
 *       say {@code load_module modules/x.so;}, relative to the prefix: the prefix dir needs a
 *       {@code modules} symlink to {@code /usr/lib/nginx/modules} (created here when missing). If
 *       the config loads modules itself, a second load fails with {@code module "..." is already
 *       loaded}, so the include is added only when the config has no {@code load_module} or
 *       {@code modules-enabled}, and we retry without it on that error.
 *   <li>Relative {@code include}s resolve against the main config's directory, not the prefix;
 *       relative log, pid and temp paths resolve against the prefix.
 *   <li>Run as non-root, the default {@code access_log /var/log/nginx/access.log} fails with
 *       "Permission denied"; CI runs as root.
 * </ul>
 */
public final class RealNginx {

  /** Outcome of one {@code nginx -t} run. {@code output} is stderr and stdout together. */
  public record Result(boolean ok, String output, int exitCode) {
    private static final Pattern LOG_PREFIX =
        Pattern.compile("(?m)^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (\\[\\w+\\]) \\d+#\\d+: ");

    /** The output with nginx's "date time [level] pid#tid: " prefixes reduced to "[level] ". */
    public String messages() {
      return LOG_PREFIX.matcher(output).replaceAll("$1 ");
    }
  }

  public static final long TIMEOUT_SECONDS = 30;
  private static final String MODULES_INCLUDE = "include /etc/nginx/modules-enabled/*.conf;";
  private static final Path SYSTEM_MODULES = Paths.get("/usr/lib/nginx/modules");
  private static final Pattern OWN_PID = Pattern.compile("(?m)^\\s*pid\\s");
  private static final Pattern OWN_MODULES =
      Pattern.compile("(?m)^\\s*(load_module\\s|include\\s+\\S*modules-enabled)");

  private static volatile Boolean available;

  private RealNginx() {}

  /** The nginx binary: env NGINX_BIN, else the first {@code nginx} on PATH, else /usr/sbin. */
  public static Path binary() {
    String env = System.getenv("NGINX_BIN");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>();
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    dirs.add("/usr/sbin");
    dirs.add("/usr/local/sbin");
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Paths.get(d, "nginx");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return Paths.get("/usr/sbin/nginx");
  }

  /** True when an nginx binary runs ({@code nginx -v} exits 0). Cached. */
  public static boolean available() {
    Boolean a = available;
    if (a == null) {
      a = probe();
      available = a;
    }
    return a;
  }

  private static boolean probe() {
    Path bin = binary();
    if (!Files.isExecutable(bin)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(bin.toString(), "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** True when env CI is "true" (or "1"). */
  public static boolean onCi() {
    String ci = System.getenv("CI");
    return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
  }

  /**
   * Skips the calling test when nginx is missing, or fails it on CI (where a missing nginx means
   * .ci/run did not install it).
   */
  public static void requireOrSkip() {
    if (available()) {
      return;
    }
    String what = "real nginx not found (looked for " + binary() + ")";
    if (onCi()) {
      Assertions.fail(what + ": CI must install nginx-extras (see .ci/run)");
    }
    Assumptions.abort(what + ": skipping oracle test; install with `apt-get install nginx-extras`");
  }

  /** {@code nginx -t} on {@code mainConf} with prefix {@code prefixDir}, without extra modules. */
  public static Result test(Path mainConf, Path prefixDir) {
    return test(mainConf, prefixDir, false);
  }

  /**
   * {@code nginx -t -q -c mainConf -p prefixDir/ -g '...'}. {@code prefixDir} should be a scratch
   * dir: nginx may create files there, and a {@code modules} symlink is added when modules are
   * loaded. With {@code withModules}, Debian's
   * dynamic modules (lua, headers-more, stream, ...) are loaded through {@code -g 'include
   * /etc/nginx/modules-enabled/*.conf;'} unless the config loads modules itself.
   */
  public static Result test(Path mainConf, Path prefixDir, boolean withModules) {
    Path conf = mainConf.toAbsolutePath().normalize();
    Path prefix = prefixDir.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(conf, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + conf, e);
    }
    boolean addPid = !OWN_PID.matcher(text).find();
    boolean addModules = withModules && !OWN_MODULES.matcher(text).find();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("realnginx");
      if (withModules || OWN_MODULES.matcher(text).find()) {
        linkModules(prefix);
      }
      Result r = run(conf, prefix, scratch, addPid, addModules);
      if (addPid && !r.ok() && r.output().contains("\"pid\" directive is duplicate")) {
        addPid = false;
        r = run(conf, prefix, scratch, false, addModules);
      }
      if (addModules && !r.ok() && r.output().contains("is already loaded")) {
        r = run(conf, prefix, scratch, addPid, false);
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(scratch);
    }
  }

  /**
   * Writes {@code config} to {@code nginx.conf} in a fresh temp dir (also the prefix) and tests it.
   */
  public static Result testText(String config, boolean withModules) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("realnginx-conf");
      Path conf = dir.resolve("nginx.conf");
      Files.writeString(conf, config, StandardCharsets.UTF_8);
      return test(conf, dir, withModules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
  }

  private static Result run(
      Path conf, Path prefix, Path scratch, boolean addPid, boolean addModules)
      throws IOException {
    StringBuilder g = new StringBuilder();
    if (addPid) {
      g.append("pid ").append(scratch.resolve("nginx.pid")).append("; ");
    }
    g.append("error_log ").append(scratch.resolve("error.log")).append(';');
    if (addModules) {
      g.append(' ').append(MODULES_INCLUDE);
    }
    List<String> cmd =
        List.of(
            binary().toString(),
            "-t",
            "-q",
            "-c",
            conf.toString(),
            "-p",
            prefix + "/",
            "-g",
            g.toString());
    Path out = scratch.resolve("output.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    boolean done;
    try {
      done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted: " + String.join(" ", cmd), -1);
    }
    if (!done) {
      p.destroyForcibly();
      return new Result(
          false, "timed out after " + TIMEOUT_SECONDS + "s: " + String.join(" ", cmd), -1);
    }
    String output = Files.readString(out, StandardCharsets.ISO_8859_1);
    Path log = scratch.resolve("error.log");
    if (Files.isRegularFile(log) && Files.size(log) > 0) {
      output += Files.readString(log, StandardCharsets.ISO_8859_1);
      Files.delete(log);
    }
    int code = p.exitValue();
    return new Result(code == 0, output, code);
  }

  private static void linkModules(Path prefix) {
    Path link = prefix.resolve("modules");
    if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        || !Files.isDirectory(SYSTEM_MODULES)
        || !Files.isDirectory(prefix)) {
      return;
    }
    try {
      Files.createSymbolicLink(link, SYSTEM_MODULES);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: nginx then reports the dlopen() failure itself
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // leave it for the OS to clean
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
