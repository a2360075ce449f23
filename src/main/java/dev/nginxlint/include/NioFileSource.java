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
  private final long maxFileSize;

  public NioFileSource(FileSystem fs, Path cwd) {
    this(fs, cwd, ReadLimit.DEFAULT);
  }

  /** Files over {@code maxFileSize} bytes are refused (see {@link ReadLimit}). */
  public NioFileSource(FileSystem fs, Path cwd, long maxFileSize) {
    this.fs = fs;
    this.cwd = cwd.toAbsolutePath().normalize();
    this.maxFileSize = maxFileSize;
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

  @Override
  public byte[] read(Path path) throws IOException {
    // the type is checked before opening: opening a FIFO waits for a writer, opening a device
    // can have effects (a tape rewinds), and a device has no end to read to
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    if (a.isRegularFile()) {
      return readRegular(path, a.size());
    }
    if (a.isDirectory()) {
      throw new NotRegularFileException(path.toString(), "pread() \"%s\" failed (21: Is a directory)");
    }
    String nginxSays = switch (kind(path)) {
      // nginx reads a file up to the size fstat() gives, and a device's is 0: nginx -t takes
      // `include /dev/null;` (and /dev/zero) as an empty file, and so does nginx-lint, unopened
      case CHARACTER_DEVICE, BLOCK_DEVICE -> null;
      case SOCKET -> "open() \"%s\" failed (6: No such device or address)";
      case FIFO -> "open() \"%s\" would wait for a writer: it is a FIFO, and nginx -t hangs on it until some"
          + " process writes to it";
      default -> "open() \"%s\" was not tried: not a regular file, directory or device";
    };
    if (nginxSays == null) {
      return new byte[0];
    }
    throw new NotRegularFileException(path.toString(), nginxSays);
  }

  /** At most the limit: a file that is larger, or grows past it while read, is refused. */
  private byte[] readRegular(Path path, long size) throws IOException {
    if (size > maxFileSize) {
      throw new NotRegularFileException(path.toString(), "\"%s\" is not read: it is " + size + " bytes, "
          + ReadLimit.overLimit(maxFileSize));
    }
    // as Files.readAllBytes reads (one array of the measured size), but bounded if it grows
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(path)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) size);
      while (b.hasRemaining() && ch.read(b) > 0) {
        // until full or at the end
      }
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      if (b.hasRemaining() || ch.read(one) <= 0) {
        return b.position() == b.capacity() ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
      }
      // it grew since it was measured (a log someone points an include at): read on, bounded
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      all.write(b.array());
      all.write(one.array());
      all.write(ReadLimit.readAll(java.nio.channels.Channels.newInputStream(ch), maxFileSize - size - 1));
      return all.toByteArray();
    } catch (ReadLimit.TooLargeException e) {
      throw new NotRegularFileException(path.toString(), "\"%s\" is not read: it grew while read, "
          + ReadLimit.overLimit(maxFileSize));
    }
  }

  /**
   * A file that is there but is not read: its message is in nginx's form where nginx has one,
   * with %s where the path goes (as the finding names it).
   */
  public static final class NotRegularFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String template;

    NotRegularFileException(String path, String template) {
      super(String.format(template, path));
      this.template = template;
    }

    /** The message naming the file as {@code shown}. */
    public String message(String shown) {
      return String.format(template, shown);
    }

  }

  /** What a path that is neither a regular file nor a directory is. */
  enum Kind { FIFO, CHARACTER_DEVICE, BLOCK_DEVICE, SOCKET, OTHER }

  /** The file type from st_mode where the file system tells it (the default one on Unix does). */
  static Kind kind(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> Kind.FIFO;
        case 0020000 -> Kind.CHARACTER_DEVICE;
        case 0060000 -> Kind.BLOCK_DEVICE;
        case 0140000 -> Kind.SOCKET;
        default -> Kind.OTHER;
      };
    } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException | IOException e) {
      // no unix view (another file system): not read, whatever it is
      return Kind.OTHER;
    }
  }

  /** "a FIFO", "a character device"...: for messages about inputs named on the command line. */
  public static String describe(Path path) {
    return switch (kind(path)) {
      case FIFO -> "a FIFO";
      case CHARACTER_DEVICE -> "a character device";
      case BLOCK_DEVICE -> "a block device";
      case SOCKET -> "a socket";
      default -> "not a regular file";
    };
  }

  @Override
  public String linkTarget(Path path) {
    if (!Files.isSymbolicLink(path)) {
      return null;
    }
    try {
      return Files.readSymbolicLink(path).toString();
    } catch (IOException e) {
      return null;
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
