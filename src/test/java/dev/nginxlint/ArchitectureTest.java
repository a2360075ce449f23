package dev.nginxlint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.Rule;
import dev.nginxlint.testsupport.ClassRefs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The code's shape, read from the compiled classes: what may refer to what. */
class ArchitectureTest {

  private static Map<String, Set<String>> refs;

  @BeforeAll
  static void readClasses() throws Exception {
    Path classes = Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    refs = ClassRefs.of(classes);
  }

  @Test
  void theReaderSeesRulesAndTheirSupport() {
    // guards the test itself: an empty or blind reader would pass every check below
    assertTrue(refs.size() > 100, "classes read: " + refs.size());
    assertTrue(refs.get("dev.nginxlint.rules.reliability.ProxyHttpVersion")
        .contains("dev.nginxlint.rules.support.PassTarget"));
    assertTrue(refs.get("dev.nginxlint.rules.RuleRegistry")
        .contains("dev.nginxlint.rules.reliability.ProxyHttpVersion"));
  }

  /** A rule stands alone: what two rules share lives in rules/support, not in one of them. */
  @Test
  void noRuleClassRefersToAnotherRuleClass() throws Exception {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : refs.entrySet()) {
      if (!isRule(e.getKey())) {
        continue;
      }
      for (String other : e.getValue()) {
        if (isRule(other)) {
          found.add(e.getKey() + " -> " + other);
        }
      }
    }
    assertEquals(List.of(), found);
  }

  /**
   * The packages from the bottom up: each may use those below it, never one above. The root
   * package ("": Version, Json), the thread owner (exec) and the model are what everything
   * shares; a finding holds its fix, so fix sits below lint; lint defines the rule interfaces and
   * takes the rules it runs from its caller, so rules sit above it (and above the fix loop, which
   * only drives a Linter); report, triage, the language server and the CLI use the rules'
   * metadata and helpers.
   */
  private static final List<String> LAYERS = List.of(
      "", "exec", "model", "directives", "parse", "format", "include", "fix", "lint", "fixloop", "rules", "report",
      "triage",
      "lsp", "cli");

  @Test
  void noPackageUsesAPackageAboveIt() {
    Set<String> upward = new TreeSet<>();
    for (Map.Entry<String, Set<String>> e : refs.entrySet()) {
      int from = layer(e.getKey());
      for (String other : e.getValue()) {
        int to = layer(other);
        if (to > from) {
          upward.add(LAYERS.get(from) + " -> " + LAYERS.get(to) + " (" + simple(e.getKey()) + " uses " + simple(other) + ")");
        }
      }
    }
    assertEquals(Set.of(), upward);
  }

  /** A class over 400 lines is split, or says near its top why it is one class ("Over 400 lines: ..."). */
  @Test
  void longClassesSayWhyTheyAreOne() throws Exception {
    Path src = Path.of(System.getProperty("nginxlint.repo", "."), "src", "main", "java");
    List<String> unexplained = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8);
        List<String> top = lines.subList(0, Math.min(lines.size(), 80));
        if (lines.size() > 400 && top.stream().noneMatch(l -> l.contains("Over 400 lines"))) {
          unexplained.add(src.relativize(f) + " (" + lines.size() + " lines)");
        }
      }
    }
    assertTrue(java.nio.file.Files.isDirectory(src), "no sources at " + src);
    assertEquals(List.of(), unexplained);
  }

  @Test
  void everyPackageHasALayer() {
    // a new package must be placed in LAYERS, or the check above would not see its arrows
    for (String c : refs.keySet()) {
      layer(c);
    }
  }

  /**
   * Only dev.nginxlint.exec starts threads or hands work to a pool (Threads), and it alone decides
   * when work goes parallel (Parallelism): no thread constructor or start, no Executors,
   * ForkJoinPool, thread-pool or Timer, no parallel stream or Arrays.parallel*, no
   * CompletableFuture *Async without an executor (that runs on the common pool) anywhere else.
   * The language server's stream threads are started by lsp4j's launcher, inside lsp4j, and run
   * none of our work but handing requests over to ours, so they are not in our classes at all.
   */
  @Test
  void onlyTheExecPackageStartsThreads() throws Exception {
    Path classes = Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, Set<String>> calls = ClassRefs.calls(classes);
    // guards the test itself: the reader must see the calls the exec package makes
    assertTrue(calls.get("dev.nginxlint.exec.Threads").stream().anyMatch(c -> c.startsWith("java.lang.Thread.start(")),
        "calls read: " + calls.get("dev.nginxlint.exec.Threads"));
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : calls.entrySet()) {
      if (e.getKey().startsWith("dev.nginxlint.exec.")) {
        continue;
      }
      for (String call : e.getValue()) {
        if (startsThreads(call)) {
          found.add(simple(e.getKey()) + " calls " + call);
        }
      }
    }
    assertEquals(List.of(), found);
  }

  private static boolean startsThreads(String call) {
    String owner = call.substring(0, call.lastIndexOf('.', call.indexOf('(')));
    String name = call.substring(owner.length() + 1, call.indexOf('('));
    return owner.equals("java.lang.Thread") && (name.equals("<init>") || name.equals("start")
            || name.startsWith("startVirtual") || name.startsWith("of"))
        || owner.equals("java.util.concurrent.Executors")
        || owner.equals("java.util.concurrent.ForkJoinPool")
        || owner.endsWith("ThreadPoolExecutor") && name.equals("<init>")
        || owner.equals("java.util.Timer") && name.equals("<init>")
        || name.equals("parallelStream") || owner.startsWith("java.util.stream.") && name.equals("parallel")
        || owner.equals("java.util.Arrays") && name.startsWith("parallel")
        || owner.equals("java.util.concurrent.CompletableFuture") && name.endsWith("Async")
            && !call.contains("Ljava/util/concurrent/Executor;");
  }

  /**
   * The cache still in the model (issue 18 item 1), to be moved out: a file's derived facts
   * (the indentation unit the edit helpers compute once per file, and whether its header says a
   * tool writes it, which every fix edit asks). The fix package's helpers read it, and they sit
   * below lint with no per-run context to hold it. No other may be added.
   */
  private static final Set<String> KNOWN_MODEL_CACHES = Set.of("SourceFile.derived");

  /**
   * The model is the parsed configuration and nothing else: no caches or memo tables (they live
   * in the lint layer, per run), so no field is volatile or of a java.util.concurrent type (a
   * value computed on first use by whichever thread asks is what those are for).
   */
  @Test
  void theModelHoldsNoCaches() throws Exception {
    List<String> found = new ArrayList<>();
    int seen = 0;
    for (String c : refs.keySet()) {
      if (!c.startsWith("dev.nginxlint.model.")) {
        continue;
      }
      Class<?> top = Class.forName(c, false, getClass().getClassLoader());
      List<Class<?>> all = new ArrayList<>(List.of(top.getDeclaredClasses()));
      all.add(top);
      for (Class<?> x : all) {
        for (java.lang.reflect.Field f : x.getDeclaredFields()) {
          seen++;
          if (java.lang.reflect.Modifier.isVolatile(f.getModifiers())
              || f.getType().getName().startsWith("java.util.concurrent.")) {
            found.add(x.getSimpleName() + "." + f.getName());
          }
        }
      }
    }
    assertTrue(seen > 20, "model fields read: " + seen);
    found.removeAll(KNOWN_MODEL_CACHES);
    assertEquals(List.of(), found);
  }

  private static int layer(String className) {
    String rest = className.substring("dev.nginxlint.".length());
    String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
    int i = LAYERS.indexOf(top);
    if (i < 0) {
      throw new AssertionError(className + ": package " + top + " is not in ArchitectureTest.LAYERS");
    }
    return i;
  }

  private static String simple(String className) {
    return className.substring("dev.nginxlint.".length());
  }

  private static boolean isRule(String className) throws ClassNotFoundException {
    return Class.forName(className, false, ArchitectureTest.class.getClassLoader()).isAnnotationPresent(Rule.class);
  }
}
