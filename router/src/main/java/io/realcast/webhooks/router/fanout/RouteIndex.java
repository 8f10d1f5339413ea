package io.realcast.webhooks.router.fanout;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;

/**
 * Key layout of the registry index, one sorted key-value store with two kinds of entries:
 *
 * <ul>
 *   <li>{@code a|<app id>|<webhook id>} → {@link Route#encodeValue()}: a prefix scan on {@code a|<app id>|}
 *       finds one app's subscriptions without touching the others';
 *   <li>{@code w|<webhook id>} → app id: where a webhook is indexed, so that a tombstone (key only) or a
 *       change of app removes the old entry.
 * </ul>
 *
 * Ids cannot contain {@code |} (they are [A-Za-z0-9_-]), so prefixes never overlap across apps.
 */
public final class RouteIndex {
  private RouteIndex() {}

  public static String appPrefix(AppId app) {
    return "a|" + app.value() + "|";
  }

  public static String routeKey(AppId app, WebhookId webhook) {
    return appPrefix(app) + webhook.value();
  }

  public static String ownerKey(WebhookId webhook) {
    return "w|" + webhook.value();
  }

  /** The webhook id at the end of a route key. */
  public static WebhookId webhookOf(String routeKey) {
    return WebhookId.of(routeKey.substring(routeKey.lastIndexOf('|') + 1));
  }
}
