package io.realcast.webhooks.delivery;

import java.time.Instant;

/**
 * {@link Instant#toString()} and {@link Instant#parse} for the times in delivery records, without the
 * general-purpose formatter: every record the deliverer reads or writes carries several of them, and the
 * formatter's parse was a visible share of the deliverer's CPU. The output is exactly {@code Instant.toString()}'s;
 * anything the fast path does not recognise goes to the JDK.
 */
public final class InstantText {
  private static final long SECONDS_PER_DAY = 86_400;

  private InstantText() {}

  /** Exactly {@code instant.toString()}. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    long secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
    long civil = civilFromDays(days);
    int year = (int) (civil >> 9);
    if (year < 0 || year > 9999) {
      return instant.toString();
    }
    int nanos = instant.getNano();
    char[] out = new char[nanos == 0 ? 20 : nanos % 1_000_000 == 0 ? 24 : nanos % 1000 == 0 ? 27 : 30];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, (int) ((civil >> 5) & 15), 2);
    out[7] = '-';
    digits(out, 8, (int) (civil & 31), 2);
    out[10] = 'T';
    digits(out, 11, (int) (secondOfDay / 3600), 2);
    out[13] = ':';
    digits(out, 14, (int) (secondOfDay / 60 % 60), 2);
    out[16] = ':';
    digits(out, 17, (int) (secondOfDay % 60), 2);
    if (nanos != 0) {
      out[19] = '.';
      int fraction = out.length - 21;
      digits(out, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1000 : nanos, fraction);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  /** Parses what {@link #format} writes (and, through the JDK, any other ISO-8601 instant). */
  public static Instant parse(CharSequence text) {
    Instant instant = parseUtc(text);
    return instant != null ? instant : Instant.parse(text); // the JDK reads the rest, or names what is wrong
  }

  /**
   * The fast path alone: the instant of {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (1 to 9 fraction digits, a valid date and
   * time of day), or null for any other text, which callers hand to the JDK's parser of their choice. Every text it
   * reads, {@link Instant#parse} and {@code OffsetDateTime.parse} read to the same instant.
   */
  public static Instant parseUtc(CharSequence text) {
    int n = text.length();
    if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = number(text, 20, fraction);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
      return null;
    }
    return Instant.ofEpochSecond(daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /** Digits at {@code [from, from + count)} as a number, or -1 if one of them is not a digit. */
  private static int number(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void digits(char[] out, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, 1970-01-01 = day 0).
  private static long daysFromCivil(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** Year, month and day packed as {@code year << 9 | month << 5 | day}. */
  private static long civilFromDays(long z) {
    z += 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2 ? 1 : 0;
    return (y << 9) | (m << 5) | d;
  }
}
