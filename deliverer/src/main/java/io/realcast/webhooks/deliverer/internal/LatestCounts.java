package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The newest {@code viewer.count.update} this instance has read for each (webhook, stream), so an older one that has
 * not been sent, or waits for a retry, can be superseded (latest wins). Kept for longer than any retry can wait; used
 * by the dispatcher's thread only.
 */
final class LatestCounts {
  /** Longer than a delivery can wait for its retries: 1 s + 5 s + 25 s, or a Retry-After of 5 minutes. */
  static final Duration KEPT_FOR = Duration.ofMinutes(10);

  private final Map<String, Instant> newest = new HashMap<>();

  void seen(Delivery d) {
    String key = key(d);
    if (key != null) {
      newest.merge(key, d.eventTime(), (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** The newest count of the delivery's webhook and stream, if it is a count; else null. */
  Instant newest(Delivery d) {
    String key = key(d);
    return key == null ? null : newest.get(key);
  }

  void forgetOlderThan(Instant cutoff) {
    newest.values().removeIf(t -> t.isBefore(cutoff));
  }

  private static String key(Delivery d) {
    if (d.event() != WebhookEventType.VIEWER_COUNT_UPDATE || d.streamId() == null) {
      return null;
    }
    return d.webhookId().value() + '|' + d.streamId();
  }
}
