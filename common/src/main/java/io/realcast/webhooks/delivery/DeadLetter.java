package io.realcast.webhooks.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery given up on, in {@code realcast.deliveries.dead} (key: webhook id), with every attempt and
 * the reason, so it can be redelivered one by one or recovered in bulk.
 *
 * @param detail what happened, in words (never a secret or an internal address)
 */
public record DeadLetter(Delivery delivery, DeadReason reason, String detail, Instant deadAt) {
  public DeadLetter {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(deadAt, "dead_at");
  }
}
