package dev.nginxlint.rules.support;

/**
 * nginx's merge-time checks of a pass module's buffer sizes (ngx_http_proxy_merge_loc_conf and
 * its fastcgi/uwsgi/scgi twins), and the smallest consistent set that passes them. Sizes are in
 * bytes; the defaults are one memory page (4k on x86-64), 8 buffers of a page, busy and temp
 * file write size twice the larger buffer, max temp file 1024m.
 */
public final class BufferSizes {
  public static final long PAGE = 4096;
  public static final long DEFAULT_MAX_TEMP = 1024L * 1024 * 1024;

  private BufferSizes() {}

  /** The effective values (busy, tempWrite, maxTemp: -1 when unset, nginx derives them). */
  public record Values(long bufferSize, int num, long bufSize, long busy, long tempWrite, long maxTemp) {

    /** The larger of the header buffer and one of the buffers. */
    public long size() {
      return Math.max(bufferSize, bufSize);
    }

    public long busyInEffect() {
      return busy < 0 ? 2 * size() : busy;
    }

    public long tempWriteInEffect() {
      return tempWrite < 0 ? 2 * size() : tempWrite;
    }

    public long maxTempInEffect() {
      return maxTemp < 0 ? DEFAULT_MAX_TEMP : maxTemp;
    }
  }

  /**
   * nginx's checks, in its order; {@code reads} the directive (by its suffix) whose value the check
   * compares besides the buffers, null for the buffer count, which decides alone.
   */
  public enum Check {
    BUFFER_COUNT(null), BUSY_NOT_BELOW_SIZE("_busy_buffers_size"), BUSY_BELOW_BUFFERS("_busy_buffers_size"),
    TEMP_WRITE_NOT_BELOW_SIZE("_temp_file_write_size"), MAX_TEMP_NOT_BELOW_SIZE("_max_temp_file_size");

    public final String reads;

    Check(String reads) {
      this.reads = reads;
    }
  }

  /** A failed check and nginx's words for it. */
  public record Failure(Check check, String message) {}

  /** The first check nginx fails, in its order, as nginx words it; null when all pass. */
  public static Failure firstFailure(String p, Values v) {
    if (v.num() < 2) {
      return new Failure(Check.BUFFER_COUNT, "there must be at least 2 \"" + p + "_buffers\"");
    }
    long size = v.size();
    String maxOf = "the maximum of the value of \"" + p + "_buffer_size\" and one of the \"" + p + "_buffers\"";
    if (v.busyInEffect() < size) {
      return new Failure(Check.BUSY_NOT_BELOW_SIZE,
          "\"" + p + "_busy_buffers_size\" must be equal to or greater than " + maxOf);
    }
    if (v.busyInEffect() > (v.num() - 1) * v.bufSize()) {
      return new Failure(Check.BUSY_BELOW_BUFFERS,
          "\"" + p + "_busy_buffers_size\" must be less than the size of all \"" + p + "_buffers\" minus one buffer");
    }
    if (v.tempWriteInEffect() < size) {
      return new Failure(Check.TEMP_WRITE_NOT_BELOW_SIZE,
          "\"" + p + "_temp_file_write_size\" must be equal to or greater than " + maxOf);
    }
    long max = v.maxTempInEffect();
    if (max != 0 && max < size) {
      return new Failure(Check.MAX_TEMP_NOT_BELOW_SIZE, "\"" + p + "_max_temp_file_size\" must be equal to zero to"
          + " disable temporary files usage or must be equal to or greater than " + maxOf);
    }
    return null;
  }

  /**
   * The smallest change to buffers and busy size that passes the busy checks. A busy size the
   * author wrote above all buffers but one is kept, and the buffer count raised to hold it; one
   * below the larger buffer is raised to it (to twice it, nginx's own default, when that fits).
   * Without a written busy size: nginx's default when the buffers hold it, else the largest busy
   * size they hold (at least the larger buffer); when even that does not fit, a busy size of the
   * larger buffer and just enough buffers of the current size for it. Null when the buffer
   * count or busy size is not what fails.
   */
  public static Values consistent(Values v) {
    long size = v.size();
    int num = Math.max(v.num(), 2);
    long room = (num - 1) * v.bufSize();
    if (v.busy() >= 0 && v.busy() > room && v.busy() >= size) {
      int needed = (int) ((v.busy() + v.bufSize() - 1) / v.bufSize()) + 1;
      return new Values(v.bufferSize(), Math.max(num, needed), v.bufSize(), v.busy(), v.tempWrite(), v.maxTemp());
    }
    if (size <= room) {
      long busy = Math.min(2 * size, room);
      return new Values(v.bufferSize(), num, v.bufSize(), busy == 2 * size && v.busy() < 0 ? -1 : busy,
          v.tempWrite(), v.maxTemp());
    }
    int needed = (int) ((size + v.bufSize() - 1) / v.bufSize()) + 1;
    return new Values(v.bufferSize(), Math.max(num, needed), v.bufSize(), size, v.tempWrite(), v.maxTemp());
  }

  /** A size as nginx reads it (bytes, or k/m/g), or -1. */
  public static long parse(String s) {
    if (s == null || s.isEmpty()) {
      return -1;
    }
    long mult = 1;
    char last = Character.toLowerCase(s.charAt(s.length() - 1));
    String digits = s;
    if (last == 'k' || last == 'm' || last == 'g') {
      mult = last == 'k' ? 1024 : last == 'm' ? 1024 * 1024 : 1024L * 1024 * 1024;
      digits = s.substring(0, s.length() - 1);
    }
    if (digits.isEmpty() || digits.length() > 12) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(digits) * mult;
  }

  /** A size as a config line writes it: k or m when exact. */
  public static String format(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + "m";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + "k";
    }
    return String.valueOf(bytes);
  }
}
