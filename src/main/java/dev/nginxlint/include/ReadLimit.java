package dev.nginxlint.include;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The most bytes nginx-lint reads from one file or stream (--max-file-size, max-file-size:,
 * NGINX_LINT_MAX_FILE_SIZE; 64 MB by default). Real configurations are kilobytes; a read
 * beyond the limit stops there instead of filling the heap (stdin fed from /dev/zero, an
 * env-file that is a device).
 */
public final class ReadLimit {
  public static final long DEFAULT = 64L << 20;

  private ReadLimit() {}

  /** A read that would pass the limit: its message says which limit and how to raise it. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /** "over nginx-lint's limit of 64 MB (--max-file-size)". */
  public static String overLimit(long limit) {
    return "over nginx-lint's limit of " + show(limit) + " (--max-file-size)";
  }

  /** All of {@code in}, or a TooLargeException once more than {@code limit} bytes come. */
  public static byte[] readAll(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 << 10];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        throw new TooLargeException(overLimit(limit));
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * A size as a user writes it: bytes, or with a k/m/g suffix (binary: 64m is 64 MiB), as
   * nginx writes sizes. Throws IllegalArgumentException naming the value when it is not one.
   */
  public static long parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        default -> { }
      }
    }
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("expected a size such as 64m, 512k or 1g, got \"" + value + "\"");
    }
    long n = Long.parseLong(digits) * unit;
    if (n <= 0) {
      throw new IllegalArgumentException("expected a size above 0, got \"" + value + "\"");
    }
    return n;
  }

  /** 67108864 → "64 MB", 1000 → "1000 bytes". */
  public static String show(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GB";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MB";
    }
    if (bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KB";
    }
    return bytes + " bytes";
  }
}
