package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.Quotas;
import io.realcast.webhooks.id.AppId;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-app token buckets for the actions that make the platform send requests: each allows its per-minute limit as a
 * burst and refills continuously. Checked before anything is written, so a refused request stores nothing. Kept in
 * this instance's memory: behind a load balancer with N instances an app gets up to N times the limit.
 */
public final class RateLimits {
  /** The limited actions; replay and recover share one bucket. */
  public enum Action {
    TEST,
    REDELIVER,
    REPLAY;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Quotas quotas;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(Quotas quotas, Clock clock) {
    this.quotas = quotas;
    this.clock = clock;
  }

  /** Takes one token of {@code app}'s bucket for {@code action}, or refuses with 429 and when to try again. */
  public void acquire(AppId app, Action action) {
    int perMinute = switch (action) {
      case TEST -> quotas.testsPerMinute();
      case REDELIVER -> quotas.redeliveriesPerMinute();
      case REPLAY -> quotas.replaysPerMinute();
    };
    Bucket bucket = buckets.computeIfAbsent(app.value() + "/" + action.wireName(), k -> new Bucket(perMinute, clock.millis()));
    long waitMillis = bucket.take(perMinute, clock.millis());
    if (waitMillis > 0) {
      throw ApiProblem.rateLimited("this app may " + action.wireName() + " at most " + perMinute + " times per minute; retry in "
          + (waitMillis + 999) / 1000 + " s", (waitMillis + 999) / 1000);
    }
  }

  /** Tokens refill at {@code perMinute} per minute up to {@code perMinute}. */
  private static final class Bucket {
    private double tokens;
    private long lastMillis;

    Bucket(int perMinute, long now) {
      this.tokens = perMinute;
      this.lastMillis = now;
    }

    /** Takes a token and returns 0, or returns how long until one is there. */
    synchronized long take(int perMinute, long now) {
      double perMilli = perMinute / 60_000.0;
      tokens = Math.min(perMinute, tokens + Math.max(0, now - lastMillis) * perMilli);
      lastMillis = Math.max(lastMillis, now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perMilli);
    }
  }
}
