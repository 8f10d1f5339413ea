package io.realcast.webhooks.event;

/** Why a raw event was rejected. A bounded set: it is a metric tag and a header value. */
public enum InvalidReason {
  TOO_LARGE("too_large"),
  MALFORMED_JSON("malformed_json"),
  NOT_AN_OBJECT("not_an_object"),
  UNKNOWN_TYPE("unknown_type"),
  MISSING_FIELD("missing_field"),
  WRONG_TYPE("wrong_type"),
  INVALID_VALUE("invalid_value");

  private final String code;

  InvalidReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
