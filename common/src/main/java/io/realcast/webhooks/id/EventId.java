package io.realcast.webhooks.id;

import java.time.Clock;
import java.util.random.RandomGenerator;

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

  /** A time-ordered id drawn from {@code random}: reproducible when the generator is seeded. */
  public static EventId random(Clock clock, RandomGenerator random) {
    return new EventId(PREFIX + PrefixedId.randomSuffix(clock.millis(), random));
  }

  /**
   * An event the platform itself makes (an operational event), named by what it is about: the same {@code parts} give
   * the same id, so writing it twice (say, again after a crash) sends receivers one event they can deduplicate.
   */
  public static EventId derive(String... parts) {
    return new EventId(PREFIX + PrefixedId.digestSuffix(parts));
  }

  @Override
  public String toString() {
    return value;
  }
}
