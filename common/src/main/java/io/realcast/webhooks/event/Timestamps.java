package io.realcast.webhooks.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The one timestamp format of webhook bodies: ISO-8601 UTC, second precision, with {@code Z}. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * The wire form of {@code instant}; null stays null (written as JSON null), so that validating an
   * encoded event reports the missing field by name instead of failing with a NullPointerException.
   */
  public static String format(Instant instant) {
    if (instant == null) {
      return null;
    }
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Millisecond precision, for a raw event's {@code occurred_at}: the end-to-end latency metric is measured
   * from it, and whole seconds would add up to a second of error to every sample.
   */
  public static String formatMillis(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses an ISO-8601 date-time with a zone offset ({@code Z} or {@code +02:00}). */
  public static Instant parse(String text) throws DateTimeParseException {
    return OffsetDateTime.parse(text).toInstant();
  }
}
