package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Rule;
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

  @RuleOption(name = "n", type = RuleOption.Type.INT, defaultValue = "5", min = 1, max = 10, description = "d")
  @RuleOption(name = "t", type = RuleOption.Type.DURATION, defaultValue = "5s", min = 1, max = 600, description = "d")
  private static final class Bounded {}

  @Test
  void bothBoundsAreChecked() {
    RuleOption[] o = Bounded.class.getAnnotationsByType(RuleOption.class);
    assertNull(RuleOptions.badValue(o[0], "10"));
    assertTrue(RuleOptions.badValue(o[0], "11").contains("from 1 to 10"));
    assertNull(RuleOptions.badValue(o[1], "10m"));
    assertTrue(RuleOptions.badValue(o[1], "11m").contains("at most 600s"));
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

    // a value a fix writes into a directive cannot end it and start another
    Settings w = new Settings();
    w.option("proxy-pass-resolver", "resolver", "1.1.1.1; daemon off");
    assertTrue(RuleOptions.problem(w).contains("without ; { } #"), RuleOptions.problem(w));
    Settings nl = new Settings();
    nl.option("proxy-pass-resolver", "resolver", "1.1.1.1\n#");
    assertTrue(RuleOptions.problem(nl).contains("(found \\x0a)"), RuleOptions.problem(nl));

    Settings sel = new Settings();
    sel.select().add("reliabilty");
    assertTrue(RuleOptions.problem(sel).contains("did you mean \"reliability\""));

    Settings ok = new Settings();
    ok.select().add("reliability");
    ok.ignore().add("upstream-keepalive");
    ok.option("proxy-timeouts-default", "read-timeout", "90s");
    ok.option("proxy-pass-resolver", "resolver", "127.0.0.53 valid=30s ipv6=off");
    assertNull(RuleOptions.problem(ok));
  }
}
