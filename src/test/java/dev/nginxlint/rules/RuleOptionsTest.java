package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rule options are declared where they are read, with the same defaults, and checked. */
class RuleOptionsTest {

  /** ctx.option(this, "name", default), intOption, secondsOption as the rules call them. */
  private static final Pattern READ = Pattern.compile(
      "ctx\\.(option|intOption|secondsOption)\\(this, \"([a-z-]+)\", (\"[^\"]*\"|\\d+)\\)");

  @Test
  void everyOptionARuleReadsIsDeclaredWithTheSameDefault() throws Exception {
    int reads = 0;
    for (LintRule rule : RuleRegistry.all()) {
      Path src = Path.of("src/main/java", rule.getClass().getName().replace('.', '/') + ".java");
      if (!Files.exists(src)) {
        continue;
      }
      Map<String, String> declared = new HashMap<>();
      for (RuleOption o : RuleOptions.of(rule)) {
        declared.put(o.name(), o.defaultValue());
      }
      Matcher m = READ.matcher(Files.readString(src));
      while (m.find()) {
        reads++;
        String name = m.group(2);
        String def = m.group(3).replace("\"", "");
        assertTrue(declared.containsKey(name), rule.id() + " reads option " + name + " without declaring it");
        String want = m.group(1).equals("secondsOption") ? def + "s" : def;
        assertEquals(want, declared.get(name), rule.id() + "." + name + ": declared default differs from the read");
      }
    }
    assertTrue(reads >= 10, "the scan found the rules' option reads: " + reads);
  }

  @Test
  void misspellingsAreRefusedWithTheValidNames() {
    Settings s = new Settings();
    s.option("upstream-max-fails", "min-max-fail", "1");
    String p = RuleOptions.problem(s);
    assertNotNull(p);
    assertTrue(p.contains("did you mean \"min-max-fails\""), p);

    Settings r = new Settings();
    r.option("upstrem-max-fails", "min-max-fails", "1");
    assertTrue(RuleOptions.problem(r).contains("did you mean \"upstream-max-fails\""));

    Settings t = new Settings();
    t.option("proxy-timeouts-default", "max-timeout", "soon");
    assertTrue(RuleOptions.problem(t).contains("expected a time"));

    Settings n = new Settings();
    n.option("worker-connections-low", "min-connections", "0");
    assertTrue(RuleOptions.problem(n).contains("from 1"));

    Settings sel = new Settings();
    sel.select().add("reliabilty");
    assertTrue(RuleOptions.problem(sel).contains("did you mean \"reliability\""));

    Settings ok = new Settings();
    ok.select().add("reliability");
    ok.ignore().add("upstream-keepalive");
    ok.option("proxy-timeouts-default", "read-timeout", "90s");
    assertNull(RuleOptions.problem(ok));
  }
}
