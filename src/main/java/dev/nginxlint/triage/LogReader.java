package dev.nginxlint.triage;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a log as lines of bytes in constant memory: plain or gzip (recognised by its magic bytes,
 * whatever the name), CRLF or LF, any bytes (decoded as UTF-8 with replacement characters, so
 * nothing fails on Latin-1 or binary junk). Over-long lines are cut and reported as such.
 */
public final class LogReader {

  /** nginx writes at most NGX_MAX_ERROR_STR (2048) bytes of message; anything far longer is junk. */
  public static final int MAX_LINE = 16 * 1024;

  private LogReader() {}

  /**
   * Feeds every line of {@code raw} to {@code sink} (the decoded line, or null for an over-long
   * one, which counts as unparsed); returns a note when a gzip stream ended
   * early (a rotated file still being compressed), else null.
   */
  public static String read(InputStream raw, Consumer<String> sink) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    try {
      lines(b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in, sink);
    } catch (EOFException | ZipException e) {
      return "compressed log ends early (" + e.getMessage() + "): read up to the cut";
    }
    return null;
  }

  private static void lines(InputStream in, Consumer<String> sink) throws IOException {
    byte[] buf = new byte[1 << 16];
    byte[] line = new byte[1024];
    int len = 0;
    boolean overlong = false;
    int n;
    while ((n = in.read(buf)) > 0) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] != '\n') {
          continue;
        }
        int chunk = i - start;
        if (!overlong) {
          if (len + chunk > MAX_LINE) {
            overlong = true;
          } else {
            line = append(line, len, buf, start, chunk);
            len += chunk;
          }
        }
        emit(sink, line, len, overlong);
        len = 0;
        overlong = false;
        start = i + 1;
      }
      int rest = n - start;
      if (!overlong) {
        if (len + rest > MAX_LINE) {
          overlong = true;
        } else {
          line = append(line, len, buf, start, rest);
          len += rest;
        }
      }
    }
    if (len > 0 || overlong) {
      emit(sink, line, len, overlong);
    }
  }

  private static byte[] append(byte[] line, int len, byte[] src, int from, int count) {
    if (len + count > line.length) {
      line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, len + count));
    }
    System.arraycopy(src, from, line, len, count);
    return line;
  }

  private static void emit(Consumer<String> sink, byte[] line, int len, boolean overlong) {
    if (overlong) {
      sink.accept(null);
      return;
    }
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    sink.accept(new String(line, 0, len, StandardCharsets.UTF_8));
  }
}
