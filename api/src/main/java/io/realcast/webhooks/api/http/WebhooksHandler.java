package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.api.validation.WebhookUrls;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/apps/{app}/webhooks[/{webhook}]}: list, add, read, change, delete. */
final class WebhooksHandler {
  private final Webhooks webhooks;
  private final Targets targets;
  private final WebhookUrls urls;

  WebhooksHandler(Apps apps, Webhooks webhooks, WebhookUrls urls) {
    this.webhooks = webhooks;
    this.targets = new Targets(apps, webhooks);
    this.urls = urls;
  }

  Reply list(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    ObjectNode n = JsonViews.object();
    ArrayNode list = n.putArray("webhooks");
    webhooks.list(app).forEach(s -> list.add(JsonViews.webhook(s)));
    return Reply.ok(n);
  }

  Reply create(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    WebhookInput input = WebhookInput.parse(Bodies.of(ctx), urls).requireForCreate();
    return Reply.created(JsonViews.webhookWithSecret(webhooks.create(app, input)));
  }

  Reply get(RoutingContext ctx, Caller caller) {
    return Reply.ok(JsonViews.webhook(targets.webhook(ctx, caller)));
  }

  Reply update(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    WebhookInput input = WebhookInput.parse(Bodies.of(ctx), urls);
    return Reply.ok(JsonViews.webhook(webhooks.update(s, input)));
  }

  Reply delete(RoutingContext ctx, Caller caller) {
    webhooks.delete(targets.webhook(ctx, caller));
    return Reply.noContent();
  }
}
