package io.realcast.webhooks.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The one timestamp format of webhook bodies: ISO-8601 UTC, second precision, with {@code Z}. */
public final class Timestamps {
  private Timestamps() {}

  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Parses an ISO-8601 date-time with a zone offset ({@code Z} or {@code +02:00}). */
  public static Instant parse(String text) throws DateTimeParseException {
    return OffsetDateTime.parse(text).toInstant();
  }
}
