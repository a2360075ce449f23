package dev.nginxlint.report;

import dev.nginxlint.exec.Parallelism;
import java.util.List;

/** The output formats by name. */
public final class Reporters {
  public static final List<String> NAMES = List.of(
      "full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "checkstyle", "junit");

  private Reporters() {}

  /** The reporter for a format name, or null when there is none. */
  public static Reporter byName(String name) {
    return byName(name, Parallelism.SEQUENTIAL);
  }

  /** As above; {@code parallelism}: when a big report is rendered on two threads. */
  public static Reporter byName(String name, Parallelism parallelism) {
    return switch (name) {
      case "full" -> new FullReporter();
      case "concise" -> new ConciseReporter();
      case "json" -> new JsonReporter(parallelism);
      case "json-lines" -> new JsonLinesReporter();
      case "sarif" -> new SarifReporter();
      case "github" -> new GithubReporter();
      case "gitlab" -> new GitlabReporter();
      case "checkstyle" -> new CheckstyleReporter();
      case "junit" -> new JunitReporter();
      default -> null;
    };
  }

  /** Formats read by machines: a one-line summary goes to stderr instead of stdout. */
  public static boolean isMachine(String name) {
    return !name.equals("full") && !name.equals("concise");
  }
}
