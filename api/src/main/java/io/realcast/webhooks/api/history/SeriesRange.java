package io.realcast.webhooks.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The windows the charts offer: the last hour by minute, the last day by quarter hour. */
public enum SeriesRange {
  HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
  DAY("24h", Duration.ofDays(1), Duration.ofMinutes(15));

  private final String wireName;
  private final Duration length;
  private final Duration step;

  SeriesRange(String wireName, Duration length, Duration step) {
    this.wireName = wireName;
    this.length = length;
    this.step = step;
  }

  public String wireName() {
    return wireName;
  }

  public Duration step() {
    return step;
  }

  public static Optional<SeriesRange> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (SeriesRange r : values()) {
      if (r.wireName.equals(t)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The first step of the window ending at {@code now}: aligned to the step, the step holding now included. */
  public Instant from(Instant now) {
    long s = step.toMillis();
    long end = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), s) + s;
    return Instant.ofEpochMilli(end - length.toMillis());
  }

  public int steps() {
    return (int) (length.toMillis() / step.toMillis());
  }
}
