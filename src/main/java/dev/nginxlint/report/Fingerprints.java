package dev.nginxlint.report;

import java.util.HashMap;
import java.util.Map;

/**
 * GitHub code scanning's primaryLocationLineHash: for each line, a base-37 rolling hash (64-bit,
 * wrapping) of the next 100 characters that are not spaces or tabs, starting at that line
 * (CR and CRLF read as LF, a 65535 sentinel at the end), as unsigned hex plus ":n", where n
 * counts the earlier lines with the same hash. Written from the algorithm as documented in the
 * shared CLI conventions (section 4.1), checked against its published vectors in the tests.
 */
final class Fingerprints {
  private static final int WINDOW = 100;
  private static final long BASE = 37L;

  private Fingerprints() {}

  /** 1-based line → fingerprint, for the text of one file. */
  static Map<Integer, String> lineHashes(String text) {
    long dropFactor = 1L;
    for (int i = 0; i < WINDOW; i++) {
      dropFactor *= BASE;
    }
    int[] chars = new int[WINDOW];
    int[] startsLine = new int[WINDOW];
    java.util.Arrays.fill(startsLine, -1);
    Map<String, Integer> counts = new HashMap<>();
    Map<Integer, String> out = new HashMap<>();
    long hash = 0;
    int slot = 0;
    int line = 0;
    boolean atLineStart = true;
    boolean afterCr = false;
    int n = text.length();
    for (int p = 0; p <= n + WINDOW; p++) {
      int c;
      if (p < n) {
        c = text.charAt(p);
      } else if (p == n) {
        c = 65535;
      } else {
        // drain: the window slides over zeros so the last lines get their hash
        emit(out, counts, startsLine, slot, hash);
        hash = BASE * hash - dropFactor * chars[slot];
        chars[slot] = 0;
        slot = (slot + 1) % WINDOW;
        continue;
      }
      if (c == ' ' || c == '\t' || (afterCr && c == '\n')) {
        afterCr = false;
        continue;
      }
      afterCr = c == '\r';
      if (afterCr) {
        c = '\n';
      }
      emit(out, counts, startsLine, slot, hash);
      if (atLineStart) {
        atLineStart = false;
        startsLine[slot] = ++line;
      }
      if (c == '\n') {
        atLineStart = true;
      }
      hash = BASE * hash + c - dropFactor * chars[slot];
      chars[slot] = c;
      slot = (slot + 1) % WINDOW;
    }
    return out;
  }

  private static void emit(Map<Integer, String> out, Map<String, Integer> counts, int[] startsLine, int slot, long hash) {
    if (startsLine[slot] == -1) {
      return;
    }
    String hex = Long.toHexString(hash);
    out.put(startsLine[slot], hex + ":" + counts.merge(hex, 1, Integer::sum));
    startsLine[slot] = -1;
  }
}
