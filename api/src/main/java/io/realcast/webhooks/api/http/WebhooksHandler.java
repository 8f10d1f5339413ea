package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.FailingWebhooks;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.api.validation.WebhookUrls;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /v1/apps/{app}/webhooks[/{webhook}]}: list, add, read, change, delete. Reads and writes carry the
 * webhook's version as {@code ETag}; a change or delete with a stale {@code If-Match} answers 409.
 */
final class WebhooksHandler {
  private final Webhooks webhooks;
  private final FailingWebhooks failing;
  private final Targets targets;
  private final WebhookUrls urls;
  private final ApiMetrics metrics;

  WebhooksHandler(Apps apps, Webhooks webhooks, FailingWebhooks failing, WebhookUrls urls, ApiMetrics metrics) {
    this.webhooks = webhooks;
    this.failing = failing;
    this.targets = new Targets(apps, webhooks);
    this.urls = urls;
    this.metrics = metrics;
  }

  Reply list(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    ObjectNode n = JsonViews.object();
    ArrayNode list = n.putArray("webhooks");
    webhooks.list(app).forEach(s -> list.add(view(s)));
    return Reply.ok(n);
  }

  Reply create(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    WebhookInput input = WebhookInput.parse(Bodies.of(ctx), urls).requireForCreate();
    Subscription s;
    try {
      s = webhooks.create(app, input);
    } catch (ApiProblem p) {
      if (p.status() == 429) {
        metrics.quotaRefusal("webhooks");
      }
      throw p;
    }
    return Reply.created(JsonViews.webhookWithSecret(s)).withHeader("ETag", Etags.of(s));
  }

  Reply get(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    return Reply.ok(view(s)).withHeader("ETag", Etags.of(s));
  }

  Reply update(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    targets.webhook(ctx, caller);
    WebhookInput input = WebhookInput.parse(Bodies.of(ctx), urls);
    Subscription s = webhooks.update(app, ctx.pathParam("webhook"), input, Etags.ifMatch(ctx.request().getHeader("If-Match")));
    return Reply.ok(view(s)).withHeader("ETag", Etags.of(s));
  }

  Reply delete(RoutingContext ctx, Caller caller) {
    webhooks.delete(targets.app(ctx, caller), ctx.pathParam("webhook"), Etags.ifMatch(ctx.request().getHeader("If-Match")));
    return Reply.noContent();
  }

  private ObjectNode view(Subscription s) {
    return JsonViews.webhook(s, failing.of(s));
  }
}
