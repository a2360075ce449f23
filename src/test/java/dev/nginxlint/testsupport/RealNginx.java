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
 * starts a server. The system's nginx is the oracle unless a {@link Binary} is named: {@link
 * #newer()} is Debian sid's, for fixtures written for versions the system's predates.
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

  /**
   * One nginx to run: {@code executable}, the directory its {@code load_module modules/x.so}
   * lines mean ({@code modulesDir}, linked as {@code modules} into the prefix) and the directory
   * of {@code load_module} files that loads its dynamic modules ({@code modulesEnabled}).
   * {@code setup} says how CI provides it, for the failure message.
   */
  public record Binary(String name, Path executable, Path modulesDir, Path modulesEnabled, String setup) {

    /** {@code include DIR/*.conf;} for {@code -g}. */
    String modulesInclude() {
      return "include " + modulesEnabled + "/*.conf;";
    }
  }

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
  private static final Path SYSTEM_MODULES = Paths.get("/usr/lib/nginx/modules");
  private static final Path SYSTEM_MODULES_ENABLED = Paths.get("/etc/nginx/modules-enabled");
  private static final Pattern VERSION_LINE = Pattern.compile("nginx version: nginx/(\\d+\\.\\d+(?:\\.\\d+)?)");
  private static final Pattern OWN_PID = Pattern.compile("(?m)^\\s*pid\\s");
  private static final Pattern OWN_MODULES =
      Pattern.compile("(?m)^\\s*(load_module\\s|include\\s+\\S*modules-enabled)");

  private static final java.util.Map<Path, Boolean> AVAILABLE = new java.util.concurrent.ConcurrentHashMap<>();

  private RealNginx() {}

  /** The system's nginx (Debian bookworm's 1.22.1 nginx-extras in CI): the main oracle. */
  public static Binary system() {
    return new Binary("nginx", binary(), SYSTEM_MODULES, SYSTEM_MODULES_ENABLED,
        "CI must install nginx-extras (see .ci/run)");
  }

  /**
   * Debian sid's nginx, unpacked with its own libraries by {@code test/newer-nginx/fetch} into
   * env NEWER_NGINX_DIR (default {@code $XDG_CACHE_HOME/nginx-lint/newer-nginx}, else {@code
   * ~/.cache/...}): the oracle for fixtures written for versions the system's nginx predates.
   */
  public static Binary newer() {
    Path dir = newerDir();
    return new Binary("newer nginx", dir.resolve("nginx"), dir.resolve("modules"), dir.resolve("modules-enabled"),
        "run test/newer-nginx/fetch first (.ci/run does)");
  }

  private static Path newerDir() {
    String env = System.getenv("NEWER_NGINX_DIR");
    if (env != null && !env.isBlank()) {
      return Paths.get(env).toAbsolutePath();
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank()
        ? Paths.get(cache) : Paths.get(System.getProperty("user.home"), ".cache");
    return base.resolve("nginx-lint").resolve("newer-nginx").toAbsolutePath();
  }

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

  /** True when the system's nginx runs ({@code nginx -v} exits 0). Cached. */
  public static boolean available() {
    return available(system());
  }

  /** True when {@code nginx} runs ({@code nginx -v} exits 0). Cached per executable. */
  public static boolean available(Binary nginx) {
    return AVAILABLE.computeIfAbsent(nginx.executable(), bin -> versionOutput(bin) != null);
  }

  /** The version {@code nginx -v} prints, e.g. 1.30.6; fails when it does not run. */
  public static dev.nginxlint.lint.NginxVersion version(Binary nginx) {
    String out = versionOutput(nginx.executable());
    java.util.regex.Matcher m = VERSION_LINE.matcher(out == null ? "" : out);
    if (!m.find()) {
      throw new AssertionError(nginx.name() + " (" + nginx.executable() + "): no version from -v: " + out);
    }
    return dev.nginxlint.lint.NginxVersion.parse(m.group(1));
  }

  /** What {@code bin -v} prints, or null when it does not run or exits non-zero. */
  private static String versionOutput(Path bin) {
    if (!Files.isExecutable(bin)) {
      return null;
    }
    try {
      Process p = new ProcessBuilder(bin.toString(), "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
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
    requireOrSkip(system());
  }

  /** {@link #requireOrSkip()} for the given nginx. */
  public static void requireOrSkip(Binary nginx) {
    if (available(nginx)) {
      return;
    }
    String what = "real " + nginx.name() + " not found or not runnable (looked for " + nginx.executable() + ")";
    if (onCi()) {
      Assertions.fail(what + ": " + nginx.setup());
    }
    Assumptions.abort(what + ": skipping oracle test; " + nginx.setup());
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
    return test(system(), mainConf, prefixDir, withModules);
  }

  /** {@link #test(Path, Path, boolean)} with the given nginx and its own dynamic modules. */
  public static Result test(Binary nginx, Path mainConf, Path prefixDir, boolean withModules) {
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
        linkModules(prefix, nginx.modulesDir());
      }
      Result r = run(nginx, conf, prefix, scratch, addPid, addModules);
      if (addPid && !r.ok() && r.output().contains("\"pid\" directive is duplicate")) {
        addPid = false;
        r = run(nginx, conf, prefix, scratch, false, addModules);
      }
      if (addModules && !r.ok() && r.output().contains("is already loaded")) {
        r = run(nginx, conf, prefix, scratch, addPid, false);
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
      Binary nginx, Path conf, Path prefix, Path scratch, boolean addPid, boolean addModules)
      throws IOException {
    StringBuilder g = new StringBuilder();
    if (addPid) {
      g.append("pid ").append(scratch.resolve("nginx.pid")).append("; ");
    }
    g.append("error_log ").append(scratch.resolve("error.log")).append(';');
    if (addModules) {
      g.append(' ').append(nginx.modulesInclude());
    }
    List<String> cmd =
        List.of(
            nginx.executable().toString(),
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

  private static void linkModules(Path prefix, Path modules) {
    Path link = prefix.resolve("modules");
    if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        || !Files.isDirectory(modules)
        || !Files.isDirectory(prefix)) {
      return;
    }
    try {
      Files.createSymbolicLink(link, modules);
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
