package io.realcast.webhooks.delivery;

import java.time.Instant;

/**
 * One HTTP attempt of a delivery.
 *
 * @param number 1 for the first try, then 2, 3, 4 (the X-RealCast-Delivery-Attempt header)
 * @param statusCode the HTTP status, or 0 when no response arrived
 * @param error what went wrong without a status (timeout, connection refused, ...), or null
 */
public record Attempt(int number, Instant startedAt, long latencyMillis, int statusCode, String error, AttemptResult result) {
  public boolean delivered() {
    return result == AttemptResult.DELIVERED;
  }
}
