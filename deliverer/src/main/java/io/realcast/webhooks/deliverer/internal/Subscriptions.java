package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import java.util.Collection;
import java.util.Optional;

/** How the deliverer sees {@code realcast.webhooks}: its instance's view of the compacted topic. */
public interface Subscriptions {
  Optional<Subscription> get(WebhookId id);

  /** Whether the view has seen the webhook's tombstone (as opposed to never having seen it). */
  boolean deleted(WebhookId id);

  /** Every webhook in the view (for the rare look across an app: who gets its operational events). */
  Collection<Subscription> all();
}
