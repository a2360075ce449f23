package dev.nginxlint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.rules.Rule;
import dev.nginxlint.testsupport.ClassRefs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private static boolean isRule(String className) throws ClassNotFoundException {
    return Class.forName(className, false, ArchitectureTest.class.getClassLoader()).isAnnotationPresent(Rule.class);
  }
}
