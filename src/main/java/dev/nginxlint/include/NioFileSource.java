package dev.nginxlint.include;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Files on a java.nio file system (the default one, or jimfs in tests). */
public final class NioFileSource implements FileSource {
  private final FileSystem fs;
  private final Path cwd;

  public NioFileSource(FileSystem fs, Path cwd) {
    this.fs = fs;
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  public static NioFileSource defaultFileSystem() {
    FileSystem fs = java.nio.file.FileSystems.getDefault();
    return new NioFileSource(fs, fs.getPath("").toAbsolutePath());
  }

  @Override
  public Path path(String path) {
    return cwd.resolve(fs.getPath(path)).normalize();
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return Files.isDirectory(path);
  }

  @Override
  public boolean isRegularFile(Path path) {
    return Files.isRegularFile(path);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  /**
   * The largest file read (64 MB; env NGINX_LINT_MAX_FILE_SIZE in bytes, or with a k/m/g
   * suffix): real configs are kilobytes, and a file beyond this is read into memory whole.
   */
  static final long MAX_FILE_SIZE = maxFileSize(System.getenv("NGINX_LINT_MAX_FILE_SIZE"));

  @Override
  public byte[] read(Path path) throws IOException {
    // the type is checked before opening: opening a FIFO waits for a writer, and a device
    // (/dev/zero) or a socket has no end to read to
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new NotRegularFileException(path.toString(), a.isDirectory() ? "21: Is a directory"
          : "not a regular file but " + kind(a) + ": nginx would read it without end or wait for a writer");
    }
    if (a.size() > MAX_FILE_SIZE) {
      throw new NotRegularFileException(path.toString(), "the file is " + a.size() + " bytes, over the "
          + MAX_FILE_SIZE + "-byte limit of nginx-lint (NGINX_LINT_MAX_FILE_SIZE)");
    }
    return Files.readAllBytes(path);
  }

  /** A file that is there but is not read: its reason is the message, in nginx's form. */
  public static final class NotRegularFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    NotRegularFileException(String path, String reason) {
      super(reason);
      this.reason = reason;
    }

    public String reason() { return reason; }
  }

  private static String kind(BasicFileAttributes a) {
    // BasicFileAttributes has no finer words; "other" is a device, a FIFO or a socket
    return a.isSymbolicLink() ? "a symbolic link" : "a device, FIFO or socket";
  }

  static long maxFileSize(String env) {
    long def = 64L << 20;
    if (env == null || env.isBlank()) {
      return def;
    }
    String v = env.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    char last = v.charAt(v.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(v);
      return n > 0 ? n * unit : def;
    } catch (NumberFormatException e) {
      return def;
    }
  }

  @Override
  public Path identity(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  @Override
  public String displayName(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    if (abs.startsWith(cwd) && !abs.equals(cwd)) {
      return cwd.relativize(abs).toString();
    }
    return abs.toString();
  }
}
