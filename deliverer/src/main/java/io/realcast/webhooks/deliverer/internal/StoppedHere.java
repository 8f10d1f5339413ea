package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.Situation;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks this instance has stopped sending to (410 Gone, or disabled for failing) before its view of
 * {@code realcast.webhooks} shows them disabled: the disabled record is on its way, and nothing is sent meanwhile. A
 * later change to the subscription (its {@code updatedAt} past the stop, e.g. its owner fixed the URL and enabled it
 * again) lifts the stop. Owned by the dispatcher's context.
 */
final class StoppedHere {
  private record Stop(Instant at, Situation.Webhook as) {}

  private final Map<WebhookId, Stop> stopped = new HashMap<>();

  /** Returns true the first time {@code webhook} is stopped (since its last change). */
  boolean stop(WebhookId webhook, Instant at, Situation.Webhook as) {
    return stopped.putIfAbsent(webhook, new Stop(at, as)) == null;
  }

  /** How the webhook stands if this instance stopped it and it has not changed since. */
  Optional<Situation.Webhook> find(Subscription subscription) {
    if (stopped.isEmpty()) {
      return Optional.empty();
    }
    Stop stop = stopped.get(subscription.id());
    if (stop == null) {
      return Optional.empty();
    }
    if (subscription.updatedAt().isAfter(stop.at())) {
      stopped.remove(subscription.id());
      return Optional.empty();
    }
    return Optional.of(stop.as());
  }
}
