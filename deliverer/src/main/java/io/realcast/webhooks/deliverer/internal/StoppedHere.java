package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhooks whose endpoint answered 410 Gone on this instance. The API disables the subscription when it
 * sees the GONE attempt; until that write reaches us we stop sending here. A later change to the
 * subscription (its {@code updatedAt} moves past the 410) lifts the block, e.g. after a user fixes the URL.
 */
public final class GoneWebhooks {
  private final Map<WebhookId, Instant> gone = new ConcurrentHashMap<>();

  /** Returns true the first time {@code webhook} is marked. */
  public boolean mark(WebhookId webhook, Instant at) {
    return gone.put(webhook, at) == null;
  }

  public boolean isGone(Subscription subscription) {
    Instant seen = gone.get(subscription.id());
    if (seen == null) {
      return false;
    }
    if (subscription.updatedAt().isAfter(seen)) {
      gone.remove(subscription.id(), seen);
      return false;
    }
    return true;
  }

  public int size() {
    return gone.size();
  }
}
