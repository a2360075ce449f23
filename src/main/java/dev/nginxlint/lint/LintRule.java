package dev.nginxlint.lint;

/** Common type of every rule; a rule also implements one of the dispatch interfaces. */
public interface LintRule {

  default Rule meta() {
    // the built-in rules' annotations as the build wrote them out (see RuleIndex); others by reflection
    Rule r = RuleIndex.of(getClass());
    if (r == null) {
      r = getClass().getAnnotation(Rule.class);
    }
    if (r == null) {
      throw new IllegalStateException(getClass().getName() + " lacks @Rule");
    }
    return r;
  }

  default String id() {
    return meta().id();
  }
}
