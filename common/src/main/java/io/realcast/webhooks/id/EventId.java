package io.realcast.webhooks.id;

import java.time.Clock;

/** A raw platform event or a derived webhook event. */
public record EventId(String value) {
  public static final String PREFIX = "evt_";

  public EventId {
    PrefixedId.check(PREFIX, value);
  }

  public static EventId of(String value) {
    return new EventId(value);
  }

  public static EventId random(Clock clock) {
    return new EventId(PREFIX + PrefixedId.randomSuffix(clock.millis()));
  }

  @Override
  public String toString() {
    return value;
  }
}
