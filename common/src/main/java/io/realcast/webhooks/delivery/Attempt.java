package io.realcast.webhooks.delivery;

import java.time.Instant;

/**
 * One HTTP attempt of a delivery.
 *
 * @param number 1 for the first try, then 2, 3, 4 (the X-RealCast-Delivery-Attempt header)
 * @param statusCode the HTTP status, or 0 when no response arrived
 * @param error what went wrong without a status (timeout, connection refused, ...), or null
 * @param traceId the trace the attempt belongs to (32 hex digits), or null when nobody traced it
 */
public record Attempt(int number, Instant startedAt, long latencyMillis, int statusCode, String error, AttemptResult result,
    String traceId) {

  /** An attempt outside any trace. */
  public Attempt(int number, Instant startedAt, long latencyMillis, int statusCode, String error, AttemptResult result) {
    this(number, startedAt, latencyMillis, statusCode, error, result, null);
  }

  public boolean delivered() {
    return result == AttemptResult.DELIVERED;
  }
}
