package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.id.AppId;

/** A webhook event and the app whose subscriptions receive it: what the fan-out processor gets. */
public record RoutedEvent(AppId app, WebhookEvent event) {}
