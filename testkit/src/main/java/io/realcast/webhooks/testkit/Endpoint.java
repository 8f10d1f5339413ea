package io.realcast.webhooks.testkit;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription of the scenario and the receiver behind it.
 *
 * @param mayFail whether the receiver is scripted to fail, so dead letters and missing deliveries for it are
 *     explained by its behaviour; false means every expected delivery must arrive
 */
public record Endpoint(WebhookId webhook, AppId app, Set<WebhookEventType> events, WebhookSecret secret, String url,
    boolean mayFail) {

  /** Every type but the time-driven viewer.count.update, which the ledger cannot predict. */
  public static Set<WebhookEventType> predictableTypes() {
    Set<WebhookEventType> types = EnumSet.allOf(WebhookEventType.class);
    types.remove(WebhookEventType.VIEWER_COUNT_UPDATE);
    return types;
  }

  public Subscription subscription(Instant now) {
    return new Subscription(webhook, app, url, events, true, "system test", secret, Optional.empty(), now, now, null);
  }
}
