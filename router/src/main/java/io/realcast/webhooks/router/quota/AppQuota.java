package io.realcast.webhooks.router.quota;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Raw events per second per app, as token buckets: each app may have up to {@code perSecond} events routed
 * in any second, and a burst of one second's worth. Not thread-safe: one per stream task. Apps whose bucket
 * is full again are forgotten, so memory follows the apps active in the last second.
 */
public final class AppQuota {
  private final int perSecond;
  private final Map<String, Bucket> buckets = new HashMap<>();

  /** @param perSecond events per second per app; 0 means no limit */
  public AppQuota(int perSecond) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("perSecond must not be negative");
    }
    this.perSecond = perSecond;
  }

  public int perSecond() {
    return perSecond;
  }

  public boolean isLimited() {
    return perSecond > 0;
  }

  /** Takes one event's worth for {@code app} if there is one. */
  public boolean tryTake(String app, long nowMillis) {
    if (!isLimited()) {
      return true;
    }
    Bucket bucket = buckets.computeIfAbsent(app, a -> new Bucket(perSecond, nowMillis));
    bucket.refill(nowMillis, perSecond);
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** How many events {@code app} may have routed now. */
  public long available(String app, long nowMillis) {
    if (!isLimited()) {
      return Long.MAX_VALUE;
    }
    Bucket bucket = buckets.get(app);
    if (bucket == null) {
      return perSecond;
    }
    bucket.refill(nowMillis, perSecond);
    return (long) bucket.tokens;
  }

  /** Forgets the apps whose bucket has refilled: they behave exactly as apps never seen. */
  public void forgetIdle(long nowMillis) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket bucket = it.next();
      bucket.refill(nowMillis, perSecond);
      if (bucket.tokens >= perSecond) {
        it.remove();
      }
    }
  }

  int trackedApps() {
    return buckets.size();
  }

  private static final class Bucket {
    private double tokens;
    private long updatedMillis;

    Bucket(int capacity, long nowMillis) {
      this.tokens = capacity;
      this.updatedMillis = nowMillis;
    }

    void refill(long nowMillis, int perSecond) {
      if (nowMillis > updatedMillis) {
        tokens = Math.min(perSecond, tokens + (nowMillis - updatedMillis) * perSecond / 1000.0);
        updatedMillis = nowMillis;
      }
    }
  }
}
