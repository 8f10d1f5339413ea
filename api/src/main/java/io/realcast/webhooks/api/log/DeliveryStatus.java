package io.realcast.webhooks.api.log;

import io.realcast.webhooks.delivery.DeliveryState;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands, as the delivery log shows it. */
public enum DeliveryStatus {
  /** Written to realcast.deliveries, no attempt seen yet. */
  PENDING,
  /** At least one attempt failed and another is scheduled. */
  RETRYING,
  DELIVERED,
  /** Given up on: in realcast.deliveries.dead, recoverable. */
  DEAD,
  /** A viewer count not sent (again) because a newer one of its stream replaced it: final, not a failure. */
  SUPERSEDED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@code ?status=} filter; {@code failed} is an alias of {@code dead}. */
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

  static DeliveryStatus fromAttemptState(DeliveryState state) {
    return switch (state) {
      case DELIVERED -> DELIVERED;
      case DEAD -> DEAD;
      case SUPERSEDED -> SUPERSEDED;
      case RETRYING -> RETRYING;
    };
  }
}
