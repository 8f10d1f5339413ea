package io.realcast.webhooks.delivery;

import io.realcast.webhooks.Coded;

/** How one attempt ended, as persisted in attempt logs and dead letters. A bounded metric tag. */
public enum AttemptResult implements Coded {
  /** 2xx. */
  DELIVERED,
  /** 408, 429, 5xx, timeout, connection refused or reset, DNS failure: worth another try. */
  TEMPORARY,
  /** Other 4xx, any 3xx, a refused (non-public) target: trying again cannot help. */
  PERMANENT,
  /** 410 Gone: permanent, and the subscription is disabled. */
  GONE;

  public static AttemptResult fromCode(String code) {
    return Coded.fromCode(AttemptResult.class, code);
  }
}
