package dev.nginxlint.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Rule} annotations of the built-in rules, written into rule-index.tsv at build time
 * (pom.xml runs {@link RuleIndexWriter} after compiling): reading an annotation by reflection
 * makes the JVM generate a proxy class and parse the class's annotation bytes, 10-20 ms on
 * every start (a pre-commit hook's whole budget is 150 ms), while this small table reads in well
 * under one. The annotations stay the only source; a rule the table does not list (a test's) is
 * read by reflection.
 */
public final class RuleIndex {
  public static final String RESOURCE = "/dev/nginxlint/rules/rule-index.tsv";

  private RuleIndex() {}

  private static final class Holder {
    static final Map<String, Rule> BY_CLASS = load();
  }

  /** The indexed metadata of a rule class, or null when the table does not list it. */
  public static Rule of(Class<?> ruleClass) {
    return Holder.BY_CLASS.get(ruleClass.getName());
  }

  /** One line of the table for a rule's annotation (what RuleIndexTest writes). */
  public static String line(Class<?> ruleClass, Rule r) {
    return String.join("\t", ruleClass.getName(), r.id(), r.category().name(), r.severity().name(),
        r.fix().name(), r.since());
  }

  private static Map<String, Rule> load() {
    Map<String, Rule> out = new HashMap<>();
    byte[] bytes;
    try (InputStream in = RuleIndex.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return out; // no table: every rule is read by reflection
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalStateException(RESOURCE + ": not 6 fields: " + line);
      }
      out.put(f[0], new Indexed(f[1], Category.valueOf(f[2]), Severity.valueOf(f[3]),
          FixAvailability.valueOf(f[4]), f[5]));
    }
    return out;
  }

  /** The values of one @Rule, without the reflection proxy. */
  private record Indexed(String id, Category category, Severity severity, FixAvailability fix, String since)
      implements Rule {

    @Override
    public Class<? extends Annotation> annotationType() {
      return Rule.class;
    }

    /** As Annotation.equals: any Rule with the same values. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Rule r && id.equals(r.id()) && category == r.category() && severity == r.severity()
          && fix == r.fix() && since.equals(r.since());
    }

    /** As Annotation.hashCode specifies (sum of 127 * name hash ^ value hash). */
    @Override
    public int hashCode() {
      return (127 * "id".hashCode() ^ id.hashCode()) + (127 * "category".hashCode() ^ category.hashCode())
          + (127 * "severity".hashCode() ^ severity.hashCode()) + (127 * "fix".hashCode() ^ fix.hashCode())
          + (127 * "since".hashCode() ^ since.hashCode());
    }

    @Override
    public String toString() {
      return "@" + Rule.class.getName() + "(id=\"" + id + "\", category=" + category + ", severity=" + severity
          + ", fix=" + fix + ", since=\"" + since + "\")";
    }
  }

}
