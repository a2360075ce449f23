package dev.nginxlint.rules;

import dev.nginxlint.lint.LintRule;
import dev.nginxlint.lint.Rule;
import dev.nginxlint.lint.RuleIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (pom.xml, phase process-classes): writes {@link RuleIndex}'s table from the
 * {@code @Rule} annotations of the compiled rules, so the table can never disagree with them.
 */
public final class RuleIndexWriter {
  private RuleIndexWriter() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: RuleIndexWriter OUTPUT.tsv");
    }
    StringBuilder out = new StringBuilder("# written at build time from the @Rule annotations by "
        + RuleIndexWriter.class.getName() + "; not edited by hand\n");
    for (LintRule r : RuleRegistry.all()) {
      // (the annotation itself, never RuleIndex: the table being written may be an old one)
      Rule a = r.getClass().getAnnotation(Rule.class);
      if (a == null) {
        throw new IllegalStateException(r.getClass().getName() + " lacks @Rule");
      }
      out.append(RuleIndex.line(r.getClass(), a)).append('\n');
    }
    Path file = Path.of(args[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }
}
