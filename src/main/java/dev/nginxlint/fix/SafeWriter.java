package dev.nginxlint.fix;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;

/**
 * Writes a fixed file without ever leaving it half-written: follow symlinks (sites-enabled/x →
 * sites-available/x) and write the target; refuse if the file changed since it was read; write a
 * temporary file in the same directory, keep the mode and owner, fsync, and rename it over the
 * target (atomic on POSIX file systems). A crash at any moment leaves the old or the new file.
 */
public final class SafeWriter {
  private SafeWriter() {}

  /** The file changed on disk after it was read: nothing was written. */
  public static final class ChangedOnDiskException extends IOException {
    public ChangedOnDiskException(String message) {
      super(message);
    }
  }

  public static void write(Path path, byte[] expectedOld, byte[] content) throws IOException {
    Path target = path.toRealPath();
    byte[] current = Files.readAllBytes(target);
    if (!Arrays.equals(current, expectedOld)) {
      throw new ChangedOnDiskException(path + " changed since it was read; not written (run again)");
    }
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".nginx-lint.tmp");
    boolean moved = false;
    try {
      copyAttributes(target, tmp);
      try (var ch = Files.newByteChannel(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        var buf = java.nio.ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        if (ch instanceof java.nio.channels.FileChannel fc) {
          fc.force(true);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void copyAttributes(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    PosixFileAttributes attrs = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    view.setPermissions(attrs.permissions());
    try {
      view.setOwner(attrs.owner());
      view.setGroup(attrs.group());
    } catch (IOException | UnsupportedOperationException e) {
      // not root: the file keeps our owner, as any editor's save would
    }
  }
}
