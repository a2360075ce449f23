package dev.nginxlint.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (git style `a/` `b/` headers, 3 lines of context) that `git apply` and
 * `patch -p1` accept. Lines are compared as bytes; a missing final newline is marked as diff
 * does.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  public static String diff(String path, byte[] before, byte[] after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    // longest common subsequence on lines (configs are small; fine up to a few thousand lines
    // of change, and we only diff files that changed)
    int n = a.size();
    int m = b.size();
    int prefix = 0;
    while (prefix < n && prefix < m && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && a.get(n - 1 - suffix).equals(b.get(m - 1 - suffix))) {
      suffix++;
    }
    List<int[]> ops = lcsOps(a.subList(prefix, n - suffix), b.subList(prefix, m - suffix));
    // ops: {type, aIndex, bIndex} with type 0 = same, -1 = delete, +1 = insert (indices absolute)
    List<int[]> all = new ArrayList<>();
    for (int i = 0; i < prefix; i++) {
      all.add(new int[] {0, i, i});
    }
    for (int[] op : ops) {
      all.add(new int[] {op[0], op[1] + prefix, op[2] + prefix});
    }
    for (int i = 0; i < suffix; i++) {
      all.add(new int[] {0, n - suffix + i, m - suffix + i});
    }
    StringBuilder out = new StringBuilder();
    out.append("--- a/").append(path).append('\n');
    out.append("+++ b/").append(path).append('\n');
    int i = 0;
    while (i < all.size()) {
      if (all.get(i)[0] == 0) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // extend the hunk while changes are within 2*CONTEXT lines of each other
      int lastChange = i;
      for (int k = i; k < all.size(); k++) {
        if (all.get(k)[0] != 0) {
          lastChange = k;
        } else if (k - lastChange > 2 * CONTEXT) {
          break;
        }
        end = k;
      }
      end = Math.min(all.size() - 1, lastChange + CONTEXT);
      int aStart = -1;
      int bStart = -1;
      int aCount = 0;
      int bCount = 0;
      StringBuilder body = new StringBuilder();
      for (int k = start; k <= end; k++) {
        int[] op = all.get(k);
        if (op[0] <= 0) {
          if (aStart < 0) {
            aStart = op[1];
          }
          aCount++;
        }
        if (op[0] >= 0) {
          if (bStart < 0) {
            bStart = op[2];
          }
          bCount++;
        }
        String line = op[0] < 0 || op[0] == 0 ? a.get(op[1]) : b.get(op[2]);
        char mark = op[0] == 0 ? ' ' : op[0] < 0 ? '-' : '+';
        body.append(mark).append(line.endsWith("\n") ? line : line + "\n\\ No newline at end of file\n");
      }
      if (aStart < 0) {
        aStart = firstIndex(all, start, true);
      }
      if (bStart < 0) {
        bStart = firstIndex(all, start, false);
      }
      out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
      out.append(body);
      i = end + 1;
    }
    return out.toString();
  }

  private static int firstIndex(List<int[]> all, int start, boolean aSide) {
    for (int k = start; k < all.size(); k++) {
      int[] op = all.get(k);
      if (aSide && op[0] <= 0) {
        return op[1];
      }
      if (!aSide && op[0] >= 0) {
        return op[2];
      }
    }
    return 0;
  }

  private static String range(int start, int count) {
    // diff's convention: an empty range names the line before it
    int first = count == 0 ? start : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<int[]> lcsOps(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    if ((long) n * m > 4_000_000L) {
      // too large to align line by line: replace the changed middle as a whole
      List<int[]> ops = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ops.add(new int[] {-1, i, 0});
      }
      for (int j = 0; j < m; j++) {
        ops.add(new int[] {1, n, j});
      }
      return ops;
    }
    int[][] dp = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        dp[i][j] = a.get(i).equals(b.get(j)) ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
      }
    }
    List<int[]> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(new int[] {0, i++, j++});
      } else if (i < n && (j == m || dp[i + 1][j] >= dp[i][j + 1])) {
        ops.add(new int[] {-1, i++, j}); // deletions before insertions, as diff(1) shows them
      } else {
        ops.add(new int[] {1, i, j++});
      }
    }
    return ops;
  }

  /** Lines with their terminators, one char per byte so any bytes round-trip. */
  private static List<String> lines(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out.add(s.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < s.length()) {
      out.add(s.substring(from));
    }
    return out;
  }

  /** The diff text as bytes (it was built one char per byte). */
  public static byte[] bytes(String diff) {
    return diff.getBytes(StandardCharsets.ISO_8859_1);
  }
}
