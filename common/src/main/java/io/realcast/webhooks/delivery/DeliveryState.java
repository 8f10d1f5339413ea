package io.realcast.webhooks.delivery;

import io.realcast.webhooks.Coded;

/** Where a delivery stands after an attempt log record: the {@code state} of {@code realcast.attempts}. */
public enum DeliveryState implements Coded {
  /** Answered 2xx: final. */
  DELIVERED,
  /** Failed temporarily; another attempt is due at the record's {@code next_due_at}. */
  RETRYING,
  /** Given up on: the delivery is in the dead-letter topic. Final. */
  DEAD,
  /** Not sent (again) because a newer one of the same kind replaced it. Final. */
  SUPERSEDED;

  public boolean isFinal() {
    return this != RETRYING;
  }

  public static DeliveryState fromCode(String code) {
    return Coded.fromCode(DeliveryState.class, code);
  }
}
