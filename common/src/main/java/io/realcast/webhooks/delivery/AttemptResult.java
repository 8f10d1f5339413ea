package io.realcast.webhooks.delivery;

/** How one attempt ended, as persisted in attempt logs and dead letters. A bounded metric tag. */
public enum AttemptResult {
  /** 2xx. */
  DELIVERED("delivered"),
  /** 408, 429, 5xx, timeout, connection refused or reset, DNS failure: worth another try. */
  TEMPORARY("temporary"),
  /** Other 4xx, any 3xx, a refused (non-public) target: trying again cannot help. */
  PERMANENT("permanent"),
  /** 410 Gone: permanent, and the subscription is disabled. */
  GONE("gone");

  private final String code;

  AttemptResult(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static AttemptResult fromCode(String code) {
    for (AttemptResult r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown attempt result " + code);
  }
}
