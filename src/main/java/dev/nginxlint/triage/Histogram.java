package dev.nginxlint.triage;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per time bucket with a bounded number of buckets: one minute wide at first, doubled
 * (and merged) whenever more than {@code maxBuckets} would be needed, so a month of log costs
 * the same memory as an hour.
 */
public final class Histogram {
  private final int maxBuckets;
  private final TreeMap<Long, Long> counts = new TreeMap<>();
  private long widthMinutes = 1;
  private long cachedDateKey = -1;
  private long cachedEpochDay;

  public Histogram(int maxBuckets) {
    this.maxBuckets = Math.max(2, maxBuckets);
  }

  /** Adds one event at a time key (yyyyMMddHHmmss). */
  public void add(long timeKey) {
    add(timeKey, 1);
  }

  public void add(long timeKey, long n) {
    long bucket = epochMinute(timeKey) / widthMinutes;
    counts.merge(bucket, n, Long::sum);
    while (counts.size() > maxBuckets) {
      widthMinutes *= 2;
      TreeMap<Long, Long> merged = new TreeMap<>();
      for (Map.Entry<Long, Long> e : counts.entrySet()) {
        merged.merge(e.getKey() / 2, e.getValue(), Long::sum);
      }
      counts.clear();
      counts.putAll(merged);
    }
  }

  public long widthMinutes() {
    return widthMinutes;
  }

  /** Bucket start (minutes since the epoch, local time as logged) → count, in time order. */
  public TreeMap<Long, Long> buckets() {
    TreeMap<Long, Long> out = new TreeMap<>();
    counts.forEach((b, n) -> out.put(b * widthMinutes, n));
    return out;
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /** yyyyMMddHHmmss → minutes since 1970-01-01 00:00 (no time zone: the log's own clock). */
  long epochMinute(long key) {
    long dateKey = key / 1_000_000;
    if (dateKey != cachedDateKey) {
      int y = (int) (dateKey / 10000);
      int m = (int) (dateKey / 100 % 100);
      int d = (int) (dateKey % 100);
      try {
        cachedEpochDay = LocalDate.of(y, m, d).toEpochDay();
      } catch (java.time.DateTimeException e) {
        cachedEpochDay = LocalDate.of(y, m, 1).toEpochDay() + d - 1; // 2026/02/31: nginx never writes it
      }
      cachedDateKey = dateKey;
    }
    long hhmm = key % 1_000_000 / 100;
    return cachedEpochDay * 1440 + hhmm / 100 * 60 + hhmm % 100;
  }

  /** "2026/11/23 15:04" for a minute since the epoch. */
  public static String format(long epochMinute) {
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochMinute, 1440));
    long m = Math.floorMod(epochMinute, 1440);
    return String.format("%04d/%02d/%02d %02d:%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth(), m / 60, m % 60);
  }
}
