package io.realcast.webhooks.delivery;

import java.time.Instant;
import io.realcast.webhooks.id.DeliveryId;
import java.util.List;
import java.util.Objects;

/**
 * A delivery given up on, in {@code realcast.deliveries.dead} (key: webhook id), with every attempt and
 * the reason, so it can be redelivered one by one or recovered in bulk.
 *
 * @param detail what happened, in words (never a secret or an internal address)
 * @param heldBack for an ordered webhook: the deliveries of the same stream that waited behind this one, and how long
 */
public record DeadLetter(Delivery delivery, DeadReason reason, String detail, Instant deadAt, List<HeldBack> heldBack) {
  public DeadLetter {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(deadAt, "dead_at");
    heldBack = heldBack == null ? List.of() : List.copyOf(heldBack);
  }

  public DeadLetter(Delivery delivery, DeadReason reason, String detail, Instant deadAt) {
    this(delivery, reason, detail, deadAt, List.of());
  }

  /** A delivery that waited behind the dead one in its ordered stream, and for how long it had waited. */
  public record HeldBack(DeliveryId id, long waitedMillis) {}
}
