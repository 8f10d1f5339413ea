package io.realcast.webhooks.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery given up on, in {@code realcast.deliveries.dead} (key: webhook id), with every attempt and
 * the reason, so it can be redelivered one by one or recovered in bulk.
 *
 * @param reason a short code: {@code retries_exhausted}, {@code permanent_failure}, {@code gone},
 *     {@code webhook_disabled}, {@code webhook_deleted}, {@code target_refused}
 */
public record DeadLetter(Delivery delivery, String reason, String detail, Instant deadAt) {
  public DeadLetter {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(deadAt, "dead_at");
  }
}
