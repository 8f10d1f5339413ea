package io.realcast.webhooks.delivery;

import java.util.Locale;

/** Where a delivery stands after an attempt log record: the {@code state} of {@code realcast.attempts}. */
public enum DeliveryState {
  /** Answered 2xx: final. */
  DELIVERED,
  /** Failed temporarily; another attempt is due at the record's {@code next_due_at}. */
  RETRYING,
  /** Given up on: the delivery is in the dead-letter topic. Final. */
  DEAD,
  /** Not sent (again) because a newer one of the same kind replaced it. Final. */
  SUPERSEDED;

  /** The wire form: {@code delivered}, {@code retrying}, ... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this != RETRYING;
  }

  public static DeliveryState fromCode(String code) {
    for (DeliveryState s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown delivery state " + code);
  }
}
