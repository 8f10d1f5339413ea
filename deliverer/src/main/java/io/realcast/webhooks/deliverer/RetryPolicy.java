package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides, purely, what follows an attempt: the schedule gives the tier after attempt n; a
 * {@code Retry-After} longer than the tier's delay (capped) pushes the due time out, never in.
 */
public record RetryPolicy(RetrySchedule schedule, Duration retryAfterCap) {
  /** @param attemptNumber the number of the attempt that just ended (1 for the first) */
  public Decision decide(int attemptNumber, Outcome outcome, Instant now) {
    if (outcome instanceof Outcome.Delivered) {
      return new Decision.Done();
    }
    if (outcome instanceof Outcome.Temporary t) {
      return schedule.delayAfter(attemptNumber)
          .<Decision>map(tier -> new Decision.Retry(tier, now.plus(wait(tier, t))))
          .orElseGet(() -> new Decision.Dead(DeadReason.RETRIES_EXHAUSTED, "attempt " + attemptNumber + ": " + describe(t)));
    }
    if (outcome instanceof Outcome.Gone) {
      return new Decision.Dead(DeadReason.GONE, "the endpoint answered 410 Gone");
    }
    if (outcome instanceof Outcome.Refused r) {
      return new Decision.Dead(DeadReason.TARGET_REFUSED, r.error());
    }
    return new Decision.Dead(DeadReason.PERMANENT_FAILURE, describe(outcome));
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
   * How long a record deferred from a full lane waits: the shortest delay when it comes from the main
   * topic ({@code from} null), else the next delay after the topic it came from (the longest at most).
   */
  public Duration deferral(Duration from) {
    for (Duration d : schedule.delays()) {
      if (from == null || d.compareTo(from) > 0) {
        return d;
      }
    }
    return from;
  }

  private Duration wait(Duration tier, Outcome.Temporary t) {
    Duration asked = t.retryAfter().map(a -> a.compareTo(retryAfterCap) > 0 ? retryAfterCap : a).orElse(Duration.ZERO);
    return asked.compareTo(tier) > 0 ? asked : tier;
  }

  private static String describe(Outcome o) {
    return o.status() > 0 ? "HTTP " + o.status() : o.error();
  }
}
