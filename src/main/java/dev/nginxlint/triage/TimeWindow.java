package dev.nginxlint.triage;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The --since/--until window, compared with the log's own time stamps (local time, no zone).
 * Accepts nginx's "2026/11/23 15:04:05", ISO-8601 ("2026-11-23T15:04:05", a space instead of T,
 * seconds optional, a zone or offset converted to local time), a date alone (midnight) and a
 * relative age ("30m", "2h", "1d", "90s": that long before now).
 */
public record TimeWindow(long sinceKey, long untilKey) {

  public static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);

  public boolean contains(long timeKey) {
    return timeKey >= sinceKey && timeKey <= untilKey;
  }

  /** A bound as a time key (yyyyMMddHHmmss); throws IllegalArgumentException with a readable message. */
  public static long parse(String text, LocalDateTime now, ZoneId zone) {
    String s = text.trim();
    if (s.matches("\\d+[smhd]")) {
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      LocalDateTime t = switch (s.charAt(s.length() - 1)) {
        case 's' -> now.minusSeconds(n);
        case 'm' -> now.minusMinutes(n);
        case 'h' -> now.minusHours(n);
        default -> now.minusDays(n);
      };
      return key(t);
    }
    String iso = s.replace('/', '-');
    if (iso.length() >= 11 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + 'T' + iso.substring(11);
    }
    if (iso.matches("\\d{4}-\\d\\d-\\d\\d")) {
      iso += "T00:00:00";
    }
    try {
      if (iso.endsWith("Z") || iso.matches(".*T.*[+-]\\d\\d(:?\\d\\d)?$")) {
        return key(OffsetDateTime.parse(iso.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
            .atZoneSameInstant(zone).toLocalDateTime());
      }
      return key(LocalDateTime.parse(iso));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read time \"" + text
          + "\" (use 2026/11/23 15:04:05, 2026-11-23T15:04:05[+01:00] or an age like 30m, 2h)");
    }
  }

  static long key(LocalDateTime t) {
    return t.getYear() * 10_000_000_000L + t.getMonthValue() * 100_000_000L + t.getDayOfMonth() * 1_000_000L
        + t.getHour() * 10_000L + t.getMinute() * 100L + t.getSecond();
  }
}
