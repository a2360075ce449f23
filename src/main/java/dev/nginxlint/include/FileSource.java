package dev.nginxlint.include;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where configuration files come from: a real (or in-memory, for tests) file system, or the
 * files of an `nginx -T` dump read from stdin.
 */
public interface FileSource {

  /** Resolves a path string of this source (absolute, or relative to its working directory). */
  Path path(String path);

  boolean exists(Path path);

  boolean isDirectory(Path path);

  /** A plain file (not a directory, device, FIFO or socket), symlinks followed. */
  default boolean isRegularFile(Path path) {
    return exists(path) && !isDirectory(path);
  }

  /** Directory entries (names only), unsorted. */
  List<String> list(Path dir) throws IOException;

  byte[] read(Path path) throws IOException;

  /** A stable identity for the file (symlinks resolved) so each file is parsed once. */
  Path identity(Path path);

  /** How findings name the file. */
  String displayName(Path path);

  /**
   * True when every path is the server's own (the files of an `nginx -T` dump): absolute
   * includes are read as written, never mapped into a checkout.
   */
  default boolean isServerSnapshot() {
    return false;
  }

  /** Where a symbolic link points, as written; null when the path is not a link. */
  default String linkTarget(Path path) {
    return null;
  }
}
