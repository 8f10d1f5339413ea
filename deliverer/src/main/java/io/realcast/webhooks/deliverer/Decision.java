package io.realcast.webhooks.deliverer;

import java.time.Duration;
import java.time.Instant;

/** What to do with a delivery after an attempt: the output of {@link RetryPolicy}. */
public sealed interface Decision {
  /** Delivered: nothing more to do. */
  record Done() implements Decision {}

  /** Try again at {@code dueAt} through the retry topic of {@code tier}. */
  record Retry(Duration tier, Instant dueAt) implements Decision {}

  /** Give up: to the dead-letter topic with {@code reason}. */
  record Dead(io.realcast.webhooks.delivery.DeadReason reason, String detail) implements Decision {}
}
