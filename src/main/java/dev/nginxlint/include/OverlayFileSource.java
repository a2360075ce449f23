package dev.nginxlint.include;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A file source with some files' contents replaced in memory (the fixer's next round). */
public final class OverlayFileSource implements FileSource {
  private final FileSource base;
  private final Map<Path, byte[]> overlay;

  /** {@code overlay} is keyed by {@link FileSource#identity}. */
  public OverlayFileSource(FileSource base, Map<Path, byte[]> overlay) {
    this.base = base;
    this.overlay = overlay;
  }

  @Override public Path path(String path) { return base.path(path); }
  @Override public boolean exists(Path path) { return base.exists(path); }
  @Override public boolean isDirectory(Path path) { return base.isDirectory(path); }
  @Override public boolean isRegularFile(Path path) { return base.isRegularFile(path); }
  @Override public List<String> list(Path dir) throws IOException { return base.list(dir); }
  @Override public Path identity(Path path) { return base.identity(path); }
  @Override public String displayName(Path path) { return base.displayName(path); }
  @Override public boolean isServerSnapshot() { return base.isServerSnapshot(); }
  @Override public String linkTarget(Path path) { return base.linkTarget(path); }

  @Override
  public byte[] read(Path path) throws IOException {
    byte[] b = overlay.get(base.identity(path));
    return b != null ? b : base.read(path);
  }
}
