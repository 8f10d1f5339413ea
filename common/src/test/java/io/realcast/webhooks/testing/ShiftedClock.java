package io.realcast.webhooks.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * The system clock, moved forward by hand: time passes as usual (timers, retries and due times work as in production),
 * and a test that needs a day to pass jumps instead of waiting. Thread-safe.
 */
public final class ShiftedClock extends UtcClock {
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
}
