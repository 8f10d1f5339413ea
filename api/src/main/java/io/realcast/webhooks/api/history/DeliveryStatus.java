package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.DeliveryState;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands, as the history shows it. */
public enum DeliveryStatus {
  /** Written to realcast.deliveries (by the router, a test, a redelivery or a replay), no attempt seen since. */
  PENDING(false),
  /** At least one attempt failed and another is scheduled. */
  RETRYING(false),
  DELIVERED(true),
  /** Given up on: in realcast.deliveries.dead, recoverable. */
  DEAD(true),
  /** A newer viewer.count.update of the same stream replaced it before it was sent (docs/DELIVERY.md). */
  SUPERSEDED(true);

  private final boolean isFinal;

  DeliveryStatus(boolean isFinal) {
    this.isFinal = isFinal;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Final: nothing further will happen unless someone redelivers or replays it. Not final = the subscriber's lag. */
  public boolean isFinal() {
    return isFinal;
  }

  /** Parses a {@code status} filter; {@code failed} is an alias of {@code dead}. */
  public static Optional<DeliveryStatus> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("failed")) {
      return Optional.of(DEAD);
    }
    for (DeliveryStatus s : values()) {
      if (s.wireName().equals(t)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The status an attempt record's {@code state} leads to. */
  public static DeliveryStatus of(DeliveryState state) {
    return switch (state) {
      case DELIVERED -> DELIVERED;
      case RETRYING -> RETRYING;
      case DEAD -> DEAD;
      case SUPERSEDED -> SUPERSEDED;
    };
  }
}
