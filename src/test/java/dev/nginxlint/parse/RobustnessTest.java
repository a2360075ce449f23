package dev.nginxlint.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.include.ConfigLoader;
import dev.nginxlint.include.NioFileSource;
import dev.nginxlint.include.PrefixMap;
import dev.nginxlint.lint.Linter;
import dev.nginxlint.lint.Settings;
import dev.nginxlint.model.ConfigSet;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.model.Statement;
import dev.nginxlint.model.SyntaxError;
import dev.nginxlint.rules.RuleRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser never throws and never loses a byte, whatever it is given; deep and huge inputs
 * work in bounded time and memory, through the whole pipeline too.
 */
public class RobustnessTest {

  private static final byte[][] INSERTS = {
      {'"'}, {'\''}, {'{'}, {'}'}, {';'}, {'\\'}, {'#'}, {'\n'}, {'\r'}, {'$', '{'}, {' '},
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}, {'['}, {']', ']'}, {'[', '[',}, {'-', '-'}};

  @Test
  void randomMutantsNeverThrowAndRoundTrip() {
    List<byte[]> seeds = mutationSeeds();
    Random rnd = new Random(20240917L);
    long deadline = System.nanoTime() + 5_000_000_000L;
    int mutants = 0;
    int fatal = 0;
    List<String> problems = new ArrayList<>();
    while (mutants < 5000 && (mutants < 500 || System.nanoTime() < deadline)) {
      byte[] in = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
      mutants++;
      try {
        SourceFile f = ConfigParser.parse(Path.of("mutant.conf"), "mutant.conf", in);
        if (!java.util.Arrays.equals(in, f.print())) {
          problems.add("mutant " + mutants + ": print() differs");
        }
        long fatals = f.errors().stream().filter(SyntaxError::fatal).count();
        if (fatals > 1) {
          problems.add("mutant " + mutants + ": " + fatals + " fatal errors (nginx stops at the first)");
        }
        fatal += fatals > 0 ? 1 : 0;
        for (SyntaxError e : f.errors()) {
          if (e.span().start() < 0 || e.span().end() > in.length || e.span().line() < 1 || e.span().column() < 1) {
            problems.add("mutant " + mutants + ": bad span " + e.span() + " for " + e.message());
          }
        }
        for (Statement s : Parsed.all(f)) {
          if (s.span().end() > in.length) {
            problems.add("mutant " + mutants + ": statement past the end " + s);
          }
        }
      } catch (RuntimeException | StackOverflowError ex) {
        problems.add("mutant " + mutants + ": threw " + ex);
      }
      if (problems.size() > 20) {
        break;
      }
    }
    System.out.printf("RobustnessTest: %d mutants of %d corpus files, %d with a fatal syntax error, %d problems%n",
        mutants, seeds.size(), fatal, problems.size());
    assertTrue(mutants >= 500);
    assertEquals(List.of(), problems);
  }

  /** The corpus files small enough to mutate by the thousand (under 20 KB). */
  public static List<byte[]> mutationSeeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (Corpus.Entry e : Corpus.entries()) {
      if (e.bytes() < 20_000) {
        seeds.add(Corpus.read(e));
      }
    }
    return seeds;
  }

  public static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed;
    int edits = 1 + rnd.nextInt(5);
    for (int k = 0; k < edits; k++) {
      int at = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 8);
      switch (rnd.nextInt(3)) {
        case 0 -> { // delete a few bytes
          int len = Math.min(b.length - at, 1 + rnd.nextInt(8));
          out.write(b, 0, at);
          out.write(b, at + len, b.length - at - len);
        }
        case 1 -> { // duplicate a few bytes
          int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
          out.write(b, 0, at + len);
          out.write(b, at, b.length - at);
        }
        default -> { // insert a special byte
          byte[] ins = INSERTS[rnd.nextInt(INSERTS.length)];
          out.write(b, 0, at);
          out.write(ins, 0, ins.length);
          out.write(b, at, b.length - at);
        }
      }
      b = out.toByteArray();
    }
    return b;
  }

  static byte[] nested(int depth, boolean closed) {
    StringBuilder sb = new StringBuilder(depth * 16 + 64);
    sb.append("events {}\nhttp {\nserver {\n");
    for (int i = 0; i < depth; i++) {
      sb.append("location / {\n");
    }
    sb.append("return 204;\n");
    if (closed) {
      sb.append("}\n".repeat(depth));
      sb.append("}\n}\n");
    }
    return Parsed.bytes(sb.toString());
  }

  @Test
  void hundredThousandNestedBlocks() {
    // on the test thread (surefire runs with -Xss16m): the parser itself has no recursion
    byte[] in = nested(100_000, true);
    SourceFile f = ConfigParser.parse(Path.of("deep.conf"), "deep.conf", in);
    assertEquals(List.of(), f.errors());
    assertArrayEquals(in, f.print());
    int depth = 0;
    Statement s = f.statements().get(1);
    while (s.hasBlock() && !s.children().isEmpty()) {
      s = s.children().get(0);
      depth++;
    }
    assertEquals(100_002, depth); // server + 100,000 locations + return
    assertEquals("return", s.name());

    SourceFile open = ConfigParser.parse(Path.of("deep.conf"), "deep.conf", nested(100_000, false));
    assertEquals("unexpected end of file, expecting \"}\"", Parsed.fatal(open).message());
    assertEquals(1, open.errors().size());
  }

  /** Runs on a thread with a 1 GB stack, as cli/Main does. */
  private static <T> T onBigStack(java.util.concurrent.Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(work.call());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "big-stack", 1L << 30);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError("pipeline failed: " + failure.get(), failure.get());
    }
    return result.get();
  }

  private static Linter.Result pipeline(Path file) throws Exception {
    return onBigStack(() -> {
      ConfigSet set = new ConfigLoader(new NioFileSource(file.getFileSystem(), file.getParent()), new PrefixMap())
          .load(List.of(file.toString()));
      return new Linter(new Settings(), RuleRegistry.rules()).run(set);
    });
  }

  @Test
  void pipelineOnHundredThousandNestedBlocks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nginx.conf");
    Files.write(file, nested(100_000, true));
    Linter.Result r = pipeline(file);
    assertNotNull(r);
    assertEquals(List.of(), r.failures(), "rules that threw");
    assertTrue(r.findings().stream().noneMatch(x -> x.rule().equals("syntax-error")), r.findings().toString());
  }

  /** A realistic ~50 MB configuration: many server blocks with maps, ifs, quotes and comments. */
  static byte[] big(int targetBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(targetBytes + 4096);
    out.write(Parsed.bytes("worker_processes auto;\nevents { worker_connections 1024; }\nhttp {\n"
        + "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
        + "  upstream app { server 127.0.0.1:8080 max_fails=3; keepalive 16; }\n"));
    int i = 0;
    while (out.size() < targetBytes) {
      out.write(Parsed.bytes("  # virtual host " + i + "\n"
          + "  server {\n    listen 127.0.0.1:" + (10000 + i % 50000) + ";\n"
          + "    server_name host" + i + ".example.com \"www.host" + i + ".example.com\";\n"
          + "    root /srv/www/host" + i + ";\n"
          + "    location / { try_files $uri $uri/ /index.php?$args; }\n"
          + "    location ~* \\.(js|css|png)$ { expires 30d; add_header Cache-Control 'public'; }\n"
          + "    location /api { proxy_pass http://app; proxy_http_version 1.1;"
          + " proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; }\n"
          + "    if ($request_method = \"POST\") { return 405; }\n"
          + "  }\n"));
      i++;
    }
    out.write(Parsed.bytes("}\n"));
    return out.toByteArray();
  }

  /** About 20 s: tagged so a development run can leave it out; `mvn -B test` (CI) runs it. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void fiftyMegabytes(@TempDir Path dir) throws Exception {
    byte[] in = big(50 << 20);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    SourceFile f = ConfigParser.parse(Path.of("big.conf"), "big.conf", in);
    long parseMs = (System.nanoTime() - t0) / 1_000_000;
    long used = rt.totalMemory() - rt.freeMemory() - before;
    assertEquals(List.of(), f.errors());
    assertArrayEquals(in, f.print());
    System.out.printf("RobustnessTest: parsed %d MB (%d tokens) in %d ms, ~%d MB heap held%n",
        in.length >> 20, f.tokenCount(), parseMs, used >> 20);
    assertTrue(parseMs < 60_000, parseMs + " ms");
    f = null;

    Path file = dir.resolve("nginx.conf");
    Files.write(file, in);
    in = null;
    long t1 = System.nanoTime();
    Linter.Result r = pipeline(file);
    long pipeMs = (System.nanoTime() - t1) / 1_000_000;
    System.out.printf("RobustnessTest: loader + linter on the 50 MB file: %d ms, %d findings%n",
        pipeMs, r.findings().size());
    assertEquals(List.of(), r.failures(), "rules that threw");
    assertTrue(pipeMs < 180_000, pipeMs + " ms"); // includes the rules: generous, the machine is shared
  }
}
