package dev.nginxlint.include;

import java.io.IOException;

/** Why a file could not be read, in the words (and errno numbers) nginx uses. */
final class IoReasons {
  private IoReasons() {}

  static String of(IOException e) {
    if (e instanceof NioFileSource.NotRegularFileException n) {
      return n.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
      return "2: No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "13: Permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
