package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.validation.JsonBodies;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** {@code /v1/apps}: the admin creates apps; every key lists the apps it may see. */
final class AppsHandler {
  static final int MAX_NAME = 100;

  private final Apps apps;

  AppsHandler(Apps apps) {
    this.apps = apps;
  }

  Reply create(RoutingContext ctx, Caller caller) {
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("name"));
    String name = JsonBodies.string(body, "name", MAX_NAME);
    Apps.Created created = apps.create(name == null ? "" : name.strip());
    ObjectNode n = JsonViews.app(created.app());
    n.put("api_key", created.apiKey());
    return Reply.created(n);
  }

  Reply list(RoutingContext ctx, Caller caller) {
    ObjectNode n = JsonViews.object();
    ArrayNode list = n.putArray("apps");
    apps.visibleTo(caller).forEach(a -> list.add(JsonViews.app(a)));
    return Reply.ok(n);
  }

  Reply get(RoutingContext ctx, Caller caller) {
    return Reply.ok(JsonViews.app(apps.accessible(caller, ctx.pathParam("app"))));
  }
}
