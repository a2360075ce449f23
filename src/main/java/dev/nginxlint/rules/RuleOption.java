package dev.nginxlint.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One option of a rule: its name, type, default, bounds and one-line meaning. The rule
 * reads it through RuleContext with the same name and default ({@code RuleOptionsTest} checks
 * that the two agree); {@code --rule-option} and {@code rules:} in .nginx-lint.yml are checked
 * against these declarations, and {@code nginx-lint rule ID} prints them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(RuleOption.List.class)
public @interface RuleOption {
  String name();

  Type type();

  /** The default as the user would write it ("1024", "60s", ""). */
  String defaultValue();

  /** The smallest accepted value, for INT and DURATION (seconds). */
  long min() default 0;

  /** The largest accepted value, for INT and DURATION (seconds); INT stops at 2^31-1 anyway. */
  long max() default Long.MAX_VALUE;

  String description();

  /** How a value is written. */
  enum Type {
    /** a whole number */
    INT,
    /** a time as nginx writes it: 30s, 2m, 500ms */
    DURATION,
    /** free text */
    STRING,
    /**
     * arguments a fix writes into a directive: words without ; { } # quotes or control
     * characters, so the value cannot end the directive and start another
     */
    WORDS,
    /** comma-separated words */
    LIST
  }

  /** The container of repeated declarations. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    RuleOption[] value();
  }
}
