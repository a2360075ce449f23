package dev.nginxlint.include;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
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
  public List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  @Override
  public byte[] read(Path path) throws IOException {
    return Files.readAllBytes(path);
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
