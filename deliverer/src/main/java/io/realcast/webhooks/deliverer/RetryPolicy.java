package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;

/**
 * The retry schedule's arithmetic, pure: how long to wait after an attempt (a {@code Retry-After} longer than the
 * schedule's delay, capped, pushes the retry out, never in), which retry topic a wait parks in, and where a deferred
 * record goes next.
 */
public record RetryPolicy(RetrySchedule schedule, Duration retryAfterCap) {

  /** The wait before the next attempt: the schedule's {@code delay}, or the endpoint's capped Retry-After if longer. */
  public Duration wait(Duration delay, Outcome.Temporary t) {
    Duration asked = t.retryAfter().map(a -> a.compareTo(retryAfterCap) > 0 ? retryAfterCap : a).orElse(Duration.ZERO);
    return asked.compareTo(delay) > 0 ? asked : delay;
  }

  /**
   * The retry topic a record due in {@code wait} should wait in: the longest delay not longer than the
   * wait. A record therefore never sits at the head of a topic much longer than that topic's own delay,
   * so a long Retry-After cannot hold back records behind it that are due sooner.
   */
  public Duration parkingTier(Duration wait) {
    Duration best = schedule.delays().get(0);
    for (Duration d : schedule.delays()) {
      if (d.compareTo(wait) <= 0 && d.compareTo(best) > 0) {
        best = d;
      }
    }
    return best;
  }

  /**
   * How long a deferred record waits: the shortest delay when it comes from the main topic ({@code from} null),
   * else the next delay after the topic it came from (the longest at most).
   */
  public Duration deferral(Duration from) {
    for (Duration d : schedule.delays()) {
      if (from == null || d.compareTo(from) > 0) {
        return d;
      }
    }
    return from;
  }
}
