package io.realcast.webhooks.deliverer.internal;

/**
 * A token bucket: {@code perSecond} tokens a second, at most a tenth of a second's worth (and at least one) saved up,
 * so requests are spread evenly instead of sent in bursts. Used by one thread.
 */
final class RateLimiter {
  private final int perSecond;
  private final double capacity;
  private double tokens;
  private long refilledNanos;

  RateLimiter(int perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1.0, perSecond / 10.0);
    this.tokens = capacity;
    this.refilledNanos = nowNanos;
  }

  int perSecond() {
    return perSecond;
  }

  /** Whether a request may start now (and takes the token if so). */
  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  boolean available(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1;
  }

  /** When the next token is there. */
  long nextTokenNanos(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? nowNanos : nowNanos + (long) Math.ceil((1 - tokens) * 1e9 / perSecond);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * perSecond / 1e9);
      refilledNanos = nowNanos;
    }
  }
}
