package dev.nginxlint.lint;

import java.util.List;

/** The "did you mean" hint of the messages that refuse a misspelled name (rule, option, format, key). */
public final class DidYouMean {

  private DidYouMean() {
  }

  /** ", did you mean X?" for a near miss (edit distance at most 2 or a third of the word). */
  public static String of(String got, List<String> valid) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String v : valid) {
      int d = distance(got.toLowerCase(java.util.Locale.ROOT), v.toLowerCase(java.util.Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    return best != null && bestD <= Math.max(2, got.length() / 3) ? ", did you mean \"" + best + "\"?" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
