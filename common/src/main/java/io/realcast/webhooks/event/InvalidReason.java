package io.realcast.webhooks.event;

import io.realcast.webhooks.Coded;

/** Why a raw event was rejected. A bounded set: it is a metric tag and a header value ({@link #code()}). */
public enum InvalidReason implements Coded {
  TOO_LARGE,
  MALFORMED_JSON,
  NOT_AN_OBJECT,
  UNKNOWN_TYPE,
  MISSING_FIELD,
  WRONG_TYPE,
  INVALID_VALUE
}
