package dev.nginxlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleIndex;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The table the build writes (RuleIndexWriter) says what the annotations say, for every rule. */
class RuleIndexTest {

  @Test
  void everyBuiltInRuleIsIndexedWithItsAnnotationValues() {
    for (LintRule r : RuleRegistry.all()) {
      Rule annotation = r.getClass().getAnnotation(Rule.class);
      Rule indexed = RuleIndex.of(r.getClass());
      assertNotNull(indexed, r.getClass().getName() + " is not in " + RuleIndex.RESOURCE);
      assertEquals(RuleIndex.line(r.getClass(), annotation), RuleIndex.line(r.getClass(), indexed));
      // the same as an annotation would be, in both directions, and the same hash
      assertEquals(indexed, annotation);
      assertEquals(annotation, indexed);
      assertEquals(annotation.hashCode(), indexed.hashCode());
      assertEquals(Rule.class, indexed.annotationType());
    }
  }

  @Test
  void metaComesFromTheTableWithoutAReflectionProxy() {
    for (LintRule r : RuleRegistry.all()) {
      assertFalse(Proxy.isProxyClass(r.meta().getClass()), r.id() + ": meta() went through reflection");
    }
  }

  @Test
  void aRuleTheTableDoesNotListIsReadByReflection() {
    LintRule unlisted = new Unlisted();
    assertNull(RuleIndex.of(Unlisted.class));
    assertEquals("unlisted-test-rule", unlisted.id());
    assertTrue(Proxy.isProxyClass(unlisted.meta().getClass()));
  }

  @Rule(id = "unlisted-test-rule", category = dev.nginxlint.lint.Category.META)
  static final class Unlisted implements LintRule {}
}
