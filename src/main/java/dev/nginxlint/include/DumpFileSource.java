package dev.nginxlint.include;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of an `nginx -T` dump: each "# configuration file PATH:" marker line starts a file,
 * and nginx adds one LF after each file's content. Findings then name the original files and
 * lines, and includes resolve among the dumped files.
 */
public final class DumpFileSource implements FileSource {
  private static final byte[] MARKER = "# configuration file ".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, byte[]> files = new LinkedHashMap<>();
  /** The names as the user or the dump gave them, for findings (keys are absolute paths). */
  private final Map<String, String> givenNames = new LinkedHashMap<>();

  private DumpFileSource() {}

  /** True when the input looks like `nginx -T` output. */
  public static boolean isDump(byte[] input) {
    return indexOfMarker(input, 0) >= 0;
  }

  public static DumpFileSource split(byte[] input) {
    DumpFileSource src = new DumpFileSource();
    int at = indexOfMarker(input, 0);
    while (at >= 0) {
      int lineEnd = indexOf(input, (byte) '\n', at);
      if (lineEnd < 0) {
        break;
      }
      int nameEnd = lineEnd;
      if (nameEnd > at && input[nameEnd - 1] == '\r') {
        nameEnd--;
      }
      if (nameEnd > at && input[nameEnd - 1] == ':') {
        nameEnd--;
      }
      String name = new String(input, at + MARKER.length, nameEnd - at - MARKER.length, StandardCharsets.UTF_8);
      int contentStart = lineEnd + 1;
      int next = indexOfMarker(input, contentStart);
      int contentEnd = next < 0 ? input.length : next;
      // nginx writes one LF after each file's content
      if (contentEnd > contentStart && input[contentEnd - 1] == '\n') {
        contentEnd--;
      }
      byte[] content = new byte[contentEnd - contentStart];
      System.arraycopy(input, contentStart, content, 0, content.length);
      src.files.putIfAbsent(src.path(name).toString(), content);
      at = next;
    }
    return src;
  }

  /** A source holding one file (stdin that is not a dump), named as given. */
  public static DumpFileSource single(String name, byte[] content) {
    DumpFileSource src = new DumpFileSource();
    String key = src.path(name).toString();
    src.files.put(key, content);
    src.givenNames.put(key, name);
    return src;
  }

  /** The dumped file names, main config first. */
  public List<String> names() {
    return new ArrayList<>(files.keySet());
  }

  private static int indexOfMarker(byte[] in, int from) {
    for (int i = from; i + MARKER.length <= in.length; i++) {
      if ((i == 0 || in[i - 1] == '\n') && matches(in, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] in, int at) {
    for (int k = 0; k < MARKER.length; k++) {
      if (in[at + k] != MARKER[k]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] in, byte b, int from) {
    for (int i = from; i < in.length; i++) {
      if (in[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Path path(String path) {
    return FileSystems.getDefault().getPath("/").resolve(path).normalize();
  }

  @Override
  public boolean exists(Path path) {
    return files.containsKey(path.toString()) || isDirectory(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    String prefix = path.toString().endsWith("/") ? path.toString() : path + "/";
    for (String name : files.keySet()) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> list(Path dir) {
    String prefix = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
    List<String> out = new ArrayList<>();
    for (String name : files.keySet()) {
      if (name.startsWith(prefix)) {
        String rest = name.substring(prefix.length());
        int slash = rest.indexOf('/');
        String entry = slash < 0 ? rest : rest.substring(0, slash);
        if (!out.contains(entry)) {
          out.add(entry);
        }
      }
    }
    return out;
  }

  @Override
  public byte[] read(Path path) throws IOException {
    byte[] b = files.get(path.toString());
    if (b == null) {
      throw new FileNotFoundException(path + " (not in the nginx -T dump)");
    }
    return b;
  }

  @Override
  public Path identity(Path path) {
    return path.normalize();
  }

  /** The dump is the server's tree: its absolute paths are read as written. */
  @Override
  public boolean isServerSnapshot() {
    return true;
  }

  @Override
  public String displayName(Path path) {
    return givenNames.getOrDefault(path.toString(), path.toString());
  }
}
