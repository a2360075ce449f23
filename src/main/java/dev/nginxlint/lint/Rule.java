package dev.nginxlint.lint;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata. The prose lives in rules/&lt;id&gt;.md, the test data in fixtures/&lt;id&gt;/.
 * The id is the public, stable name (JSON "rule", suppression comments, config keys).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rule {
  String id();

  Category category();

  Severity severity() default Severity.WARNING;

  FixAvailability fix() default FixAvailability.NONE;

  /** The nginx-lint version that introduced the rule. */
  String since() default "0.1.0";
}
