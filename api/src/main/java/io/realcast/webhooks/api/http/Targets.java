package io.realcast.webhooks.api.http;

import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.ext.web.RoutingContext;

/**
 * What a request's path names ({@code :app}, {@code :webhook}), looked up for the caller: another app's app or
 * webhook answers 404 exactly as a missing one does. The one preamble of every webhook route.
 */
final class Targets {
  private final Apps apps;
  private final Webhooks webhooks;

  Targets(Apps apps, Webhooks webhooks) {
    this.apps = apps;
    this.webhooks = webhooks;
  }

  App app(RoutingContext ctx, Caller caller) {
    return apps.accessible(caller, ctx.pathParam("app"));
  }

  Subscription webhook(RoutingContext ctx, Caller caller) {
    return webhooks.get(app(ctx, caller), ctx.pathParam("webhook"));
  }
}
