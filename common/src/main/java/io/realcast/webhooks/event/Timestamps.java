package io.realcast.webhooks.event;

import io.realcast.webhooks.delivery.InstantText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format of webhook bodies: ISO-8601 UTC, second precision, with {@code Z}. Written and, in the
 * common {@code …Z} form, read by {@link InstantText} (the router parses two per raw event and writes one or two per
 * webhook body; the JDK's formatter was a visible share of its CPU); the output is the JDK's ISO_INSTANT form.
 */
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
    return InstantText.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Millisecond precision, for a raw event's {@code occurred_at}: the end-to-end latency metric is measured
   * from it, and whole seconds would add up to a second of error to every sample.
   */
  public static String formatMillis(Instant instant) {
    return InstantText.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses an ISO-8601 date-time with a zone offset ({@code Z} or {@code +02:00}), as {@link OffsetDateTime#parse} does. */
  public static Instant parse(String text) throws DateTimeParseException {
    Instant utc = InstantText.parseUtc(text);
    return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
  }
}
