package dev.nginxlint.include;

import dev.nginxlint.exec.Parallelism;
import dev.nginxlint.exec.Threads;
import dev.nginxlint.model.Envsubst;
import dev.nginxlint.model.SourceFile;
import dev.nginxlint.parse.ConfigParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;

/**
 * Reads and parses the files a load needs: a stock file the tree lacks from the bundled copy,
 * templates rendered with the environment, and, when several files are known ahead (a
 * directory's files, a glob's matches), their parses started on helper threads. Which files
 * were read, and in what order, is the session's business: this class only hands out parses.
 */
final class FileParser {
  /** A parse started ahead of need: for this path exactly (a symlink's twin is parsed anew). */
  private record Pending(Path path, FutureTask<SourceFile> task) {}

  private final FileSource src;
  private final Envsubst envsubst;
  private final Parallelism parallelism;
  /** Includes of stock files the tree lacks, read from the bundled copies: path → stock name. */
  private final Map<Path, String> stock = new ConcurrentHashMap<>();
  /** Files being parsed ahead on the pool, by identity (see {@link #prefetch}). */
  private final Map<Path, Pending> pending = new HashMap<>();
  private ExecutorService pool;

  FileParser(FileSource src, Envsubst envsubst, Parallelism parallelism) {
    this.src = src;
    this.envsubst = envsubst;
    this.parallelism = parallelism;
  }

  /** The path is read from the bundled copy of a stock file (the package installs it). */
  void readStock(Path path, String stockName) {
    stock.put(path, stockName);
  }

  /**
   * The file at {@code p} as the session has it: read once per identity (a file included in
   * several places is parsed once), registered in the session the first time.
   */
  SourceFile read(LoadSession session, Path p) throws IOException {
    Path id = src.identity(p);
    SourceFile f = session.file(id);
    if (f == null) {
      Pending ahead = pending.remove(id);
      // a parse started ahead is joined (run here if no pool thread has started it yet)
      f = ahead != null && ahead.path().equals(p) ? Threads.join(ahead.task(), IOException.class)
          : parseNow(p);
      session.addFile(id, f);
    }
    return f;
  }

  /** A file the user named (or a tree's entry): as {@link #read}, failures as input errors (exit 2). */
  SourceFile entry(LoadSession session, Path p) throws ConfigLoader.InputException {
    // checked before opening: a FIFO would wait for a writer, a device has no end (or no text)
    if (src.exists(p) && !src.isDirectory(p) && !src.isRegularFile(p)) {
      throw new ConfigLoader.InputException(src.displayName(p) + ": not read: " + NioFileSource.describe(p)
          + ", not a configuration file");
    }
    try {
      return read(session, p);
    } catch (NioFileSource.NotRegularFileException e) {
      throw new ConfigLoader.InputException(e.message(src.displayName(p)));
    } catch (IOException e) {
      throw new ConfigLoader.InputException(src.displayName(p) + ": cannot read: " + IoReasons.of(e));
    }
  }

  private SourceFile parseNow(Path p) throws IOException {
    String stockName = stock.get(p);
    byte[] bytes = stockName != null ? StockFiles.read(stockName) : src.read(p);
    return ConfigParser.parse(p, src.displayName(p), bytes, envsubst, parallelism);
  }

  /**
   * Starts parsing files that will be needed (a directory's files, a glob include's matches,
   * several named files) on a small pool, so a tree of many files is read on all cores. The
   * caller takes the results in the order the sequential reader needs them, and registers them
   * only then, so the outcome is the same as reading one by one. One file alone is parsed when
   * needed, on the caller's thread. {@code session}: files already read there are not parsed again.
   */
  void prefetch(LoadSession session, List<Path> files) {
    if (!parallelism.splits(Parallelism.Work.PARSE_AHEAD, files.size())) {
      return;
    }
    for (Path p : files) {
      Path id = src.identity(p);
      if (session.file(id) != null || pending.containsKey(id)) {
        continue;
      }
      FutureTask<SourceFile> task = new FutureTask<>(() -> parseNow(p));
      pending.put(id, new Pending(p, task));
      pool().execute(task);
    }
  }

  private ExecutorService pool() {
    if (pool == null) {
      // parsing is iterative, but give the threads the room the main worker has for deep files
      pool = Threads.pool("nginx-lint-parse", parallelism.parseAheadThreads(), 256L << 20);
    }
    return pool;
  }

  /** Ends the load's helper threads: parses not taken are not needed. */
  void stop() {
    if (pool != null) {
      // tasks not taken are not needed: drop the queued ones, let running ones end on their own
      pool.shutdownNow();
      pool = null;
    }
    pending.clear();
  }
}
