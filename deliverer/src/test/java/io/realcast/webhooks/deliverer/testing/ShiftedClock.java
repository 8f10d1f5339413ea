package io.realcast.webhooks.deliverer.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, moved forward by hand: time passes as usual (timers, retries and due times work as in production),
 * and a test that needs a day to pass jumps instead of waiting. Thread-safe.
 */
public final class ShiftedClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  public synchronized void jump(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time does not go backwards: " + by);
    }
    shift = shift.plus(by);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("a ShiftedClock is UTC");
    }
    return this;
  }
}
