package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.DirectiveRule;
import dev.nginxlint.lint.FixAvailability;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.testsupport.Fixtures;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/new-rule, run on a scratch copy of the registry: it writes a class that compiles and
 * registers itself, a page with the headings RuleCatalogTest wants, fixtures, and markers that
 * keep RuleCatalogTest failing until the author has replaced them.
 */
class NewRuleScaffoldTest {

  private static final String REGISTRY = "src/main/java/dev/nginxlint/rules/RuleRegistry.java";

  @TempDir
  Path root;

  private record Run(int code, String out, String err) {}

  private Run scaffold(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", Fixtures.repo().resolve("tools/new-rule").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("NEW_RULE_ROOT", root.toString());
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int code = p.waitFor();
    return new Run(code, Files.readString(out), Files.readString(err));
  }

  private void copyRegistry() throws IOException {
    Path to = root.resolve(REGISTRY);
    Files.createDirectories(to.getParent());
    Files.copy(Fixtures.repo().resolve(REGISTRY), to);
  }

  @Test
  void scaffoldsACompilingRegisteredRuleThatTheCatalogRefusesUntilDone() throws Exception {
    copyRegistry();
    Run r = scaffold("proxy-buffering-off", "reliability", "warning", "proxy_buffering", "proxy_pass");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("src/main/java/dev/nginxlint/rules/reliability/ProxyBufferingOff.java"), r.out());

    Path page = root.resolve("rules/proxy-buffering-off.md");
    assertEquals(RuleCatalogTest.headingsFor("proxy-buffering-off"),
        RuleCatalogTest.headings(Files.readString(page, StandardCharsets.UTF_8)));
    for (String f : List.of("bad.conf", "bad.expected", "good.conf")) {
      assertTrue(Files.isRegularFile(root.resolve("fixtures/proxy-buffering-off/" + f)), f);
    }

    List<String> registry = Files.readAllLines(root.resolve(REGISTRY));
    int begin = registry.indexOf(registry.stream().filter(l -> l.contains("RULES-BEGIN")).findFirst().orElseThrow());
    assertEquals("      new dev.nginxlint.rules.reliability.ProxyBufferingOff(),", registry.get(begin + 1));

    // the class compiles against nginx-lint as it is, and is the rule the scaffold was asked for
    Path source = root.resolve("src/main/java/dev/nginxlint/rules/reliability/ProxyBufferingOff.java");
    Path classes = Files.createDirectories(root.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), source.toString());
    assertEquals(0, compiled, "the scaffolded class must compile");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> c = loader.loadClass("dev.nginxlint.rules.reliability.ProxyBufferingOff");
      Rule meta = c.getAnnotation(Rule.class);
      assertEquals("proxy-buffering-off", meta.id());
      assertEquals(FixAvailability.NONE, meta.fix());
      DirectiveRule rule = (DirectiveRule) c.getDeclaredConstructor().newInstance();
      assertEquals(Set.of("proxy_buffering", "proxy_pass"), rule.directives());
    }

    // half done is visible: the catalog's marker check names every file still to write
    assertEquals(List.of("src/main/java/dev/nginxlint/rules/reliability/ProxyBufferingOff.java",
        "rules/proxy-buffering-off.md", "fixtures/proxy-buffering-off/bad.conf", "fixtures/proxy-buffering-off/good.conf"),
        RuleCatalogTest.scaffoldMarkers(root));

    Run again = scaffold("proxy-buffering-off", "reliability", "warning", "proxy_buffering");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("exists already"), again.err());
  }

  @Test
  void refusesWhatIsNotARule() throws Exception {
    copyRegistry();
    for (List<String> args : List.of(List.of("Proxy_Off", "reliability", "warning", "proxy_pass"),
        List.of("proxy-off", "speed", "warning", "proxy_pass"),
        List.of("proxy-off", "reliability", "fatal", "proxy_pass"),
        List.of("proxy-off", "reliability", "warning"),
        List.of("proxy-off", "reliability", "warning", "proxy pass"))) {
      Run r = scaffold(args.toArray(new String[0]));
      assertEquals(2, r.code(), args + ": " + r.err());
      assertTrue(r.err().startsWith("new-rule: "), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
    assertTrue(RuleCatalogTest.scaffoldMarkers(root).isEmpty(), "a refused call writes nothing");
    assertEquals(Files.readString(Fixtures.repo().resolve(REGISTRY)), Files.readString(root.resolve(REGISTRY)));
    assertTrue(new File(root.toFile(), "rules").list() == null);
  }
}
