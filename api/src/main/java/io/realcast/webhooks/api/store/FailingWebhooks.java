package io.realcast.webhooks.api.store;

import io.realcast.webhooks.kafka.CompactedTopicView;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.WebhookHealth;
import java.util.Optional;

/**
 * The deliverer's record of webhooks whose attempts fail ({@code realcast.webhooks.health}), read-only: what the API
 * shows before the platform disables a webhook.
 */
public final class FailingWebhooks {
  private final CompactedTopicView<WebhookHealth> view;

  public FailingWebhooks(CompactedTopicView<WebhookHealth> view) {
    this.view = view;
  }

  /**
   * How {@code s} has been failing, if it is. A record counted against an earlier version is not shown: after a change
   * (a new URL, a re-enable) the deliverer counts afresh, and so does the API.
   */
  public Optional<WebhookHealth> of(Subscription s) {
    return view.get(s.id().value()).filter(h -> h.webhookVersion() == s.version());
  }
}
