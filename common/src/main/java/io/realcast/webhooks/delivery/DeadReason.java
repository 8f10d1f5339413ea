package io.realcast.webhooks.delivery;

import java.util.Locale;

/** Why a delivery was given up on: the dead letter's reason, shown to users and used as a bounded metric tag. */
public enum DeadReason {
  /** Every attempt of the retry schedule failed temporarily. */
  RETRIES_EXHAUSTED,
  /** The endpoint answered with a status that trying again cannot change (other 4xx, any 3xx). */
  PERMANENT_FAILURE,
  /** The endpoint answered 410 Gone, now or to an earlier delivery: the webhook is to be disabled. */
  GONE,
  /** The URL's host resolves to an address the egress policy refuses. */
  TARGET_REFUSED,
  /** The webhook is disabled. */
  WEBHOOK_DISABLED,
  /** The webhook was deleted, or never became known. */
  WEBHOOK_DELETED,
  /** The record could not be decoded; its original bytes are kept. */
  UNREADABLE;

  /** The wire form: {@code retries_exhausted}, {@code gone}, ... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeadReason fromCode(String code) {
    for (DeadReason r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown dead-letter reason " + code);
  }
}
