package io.realcast.webhooks.delivery;

import io.realcast.webhooks.Coded;

/** Why a delivery was given up on: the dead letter's reason, shown to users and used as a bounded metric tag. */
public enum DeadReason implements Coded {
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

  public static DeadReason fromCode(String code) {
    return Coded.fromCode(DeadReason.class, code);
  }
}
