package io.realcast.webhooks.api.http;

import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.validation.JsonBodies;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;

/** {@code …/secret} (the guide's "Copy the Webhook Secret") and {@code …/secret/rotate} (conditional like any change). */
final class SecretsHandler {
  private final Webhooks webhooks;
  private final Targets targets;
  private final Clock clock;

  SecretsHandler(Apps apps, Webhooks webhooks, Clock clock) {
    this.webhooks = webhooks;
    this.targets = new Targets(apps, webhooks);
    this.clock = clock;
  }

  Reply get(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    return Reply.ok(JsonViews.secret(s, clock.instant())).withHeader("ETag", Etags.of(s));
  }

  Reply rotate(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    targets.webhook(ctx, caller);
    JsonBodies.object(Bodies.of(ctx), Set.of());
    Subscription s = webhooks.rotateSecret(app, ctx.pathParam("webhook"), Etags.ifMatch(ctx.request().getHeader("If-Match")));
    return Reply.ok(JsonViews.secret(s, clock.instant())).withHeader("ETag", Etags.of(s));
  }

}
