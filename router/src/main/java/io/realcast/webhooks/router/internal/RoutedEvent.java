package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.id.AppId;

/**
 * A webhook event and the app whose subscriptions receive it: what the fan-out processor gets; with the traceparent of
 * the raw event it comes from, or null (derived events such as viewer counts, untraced producers).
 */
public record RoutedEvent(AppId app, WebhookEvent event, String traceParent) {
  /** An event outside any trace. */
  public RoutedEvent(AppId app, WebhookEvent event) {
    this(app, event, null);
  }
}
