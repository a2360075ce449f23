package dev.nginxlint.exec;

/**
 * When work goes to a second thread. The CLI makes one from the machine and the system
 * properties ({@link #fromSystem}) and hands it down to the loader, the parser, the linter and
 * the JSON report; everything else (tests, the library) runs {@link #SEQUENTIAL}. Each kind of
 * work has a size below which a helper costs more than it saves; the result never depends on
 * the decision, only the time does.
 */
public final class Parallelism {

  /** The kinds of work that may be split, with the size from which a helper pays. */
  public enum Work {
    /** A file's bytes: lexed on a helper while the tree is built (parse.ConfigParser). */
    LEX(256 * 1024, true),
    /** A tree's bytes: the rules run as jobs on two threads (lint.Linter). */
    RULES(64 * 1024, true),
    /** Findings: a helper renders the second half of the JSON report (report.JsonReporter). */
    REPORT(2000, false),
    /** Files known ahead (a directory's, a glob's matches): parsed on a small pool (include). */
    PARSE_AHEAD(2, false);

    final long usualFrom;
    /** Whether -Dnginxlint.parallelFrom moves the threshold (the launcher's class-archive training runs use 0). */
    final boolean followsProperty;

    Work(long usualFrom, boolean followsProperty) {
      this.usualFrom = usualFrom;
      this.followsProperty = followsProperty;
    }
  }

  /** Never a second thread. */
  public static final Parallelism SEQUENTIAL = new Parallelism(false, -1, 1);

  private final boolean enabled;
  /** The threshold from -Dnginxlint.parallelFrom, or -1 for each kind's usual one. */
  private final long from;
  private final int cores;

  private Parallelism(boolean enabled, long from, int cores) {
    this.enabled = enabled;
    this.from = from;
    this.cores = cores;
  }

  /**
   * Two cores or more, and not -Dnginxlint.sequential; -Dnginxlint.parallelFrom=BYTES sets the
   * size from which lexing and the rules use a helper (the launcher's class-archive training
   * runs use 0, so the archive holds the classes of those paths too).
   */
  public static Parallelism fromSystem() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new Parallelism(cores >= 2 && !Boolean.getBoolean("nginxlint.sequential"),
        Long.getLong("nginxlint.parallelFrom", -1L), cores);
  }

  /** Whether work of this kind and size goes (partly) to another thread. */
  public boolean splits(Work work, long size) {
    if (!enabled) {
      return false;
    }
    long threshold = work.followsProperty && from >= 0 ? from : work.usualFrom;
    return size >= threshold;
  }

  /** Threads for parsing ahead: up to four, no more than the cores. */
  public int parseAheadThreads() {
    return Math.max(1, Math.min(4, cores));
  }
}
