package dev.nginxlint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/**
 * The outside world of one run (real streams, or test doubles with jimfs). {@code stdout} is the
 * byte stream under {@code out}, for output that must keep its bytes (a formatted file, a diff of
 * a Latin-1 file); null in tests that only read text, where such bytes go through {@code out}.
 */
public record Io(PrintWriter out, PrintWriter err, InputStream in, FileSystem fs, Path cwd, OutputStream stdout) {

  public Io(PrintWriter out, PrintWriter err, InputStream in, FileSystem fs, Path cwd) {
    this(out, err, in, fs, cwd, null);
  }

  /** Writes {@code bytes} to standard output as they are, after what {@code out} holds. */
  public void writeBytes(byte[] bytes) throws IOException {
    out.flush();
    if (stdout == null) {
      out.print(new String(bytes, StandardCharsets.UTF_8));
      out.flush();
      return;
    }
    stdout.write(bytes);
    stdout.flush();
  }
}
