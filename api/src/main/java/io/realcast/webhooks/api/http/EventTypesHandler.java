package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /v1/event-types}: every event type with the guide's example body; {@code operational} marks the events about
 * the app's webhooks (sent to its operational webhook) rather than its streams.
 */
final class EventTypesHandler {
  private final Clock clock;

  EventTypesHandler(Clock clock) {
    this.clock = clock;
  }

  Reply list(RoutingContext ctx, Caller caller) {
    ObjectNode n = JsonViews.object();
    ArrayNode types = n.putArray("event_types");
    for (WebhookEventType type : WebhookEventType.ALL) {
      ObjectNode t = types.addObject();
      t.put("name", type.wireName());
      t.put("description", type.description());
      t.put("operational", type.operational());
      t.set("example", Json.readTree(SampleEvents.sample(type, clock).body()));
    }
    return Reply.ok(n);
  }
}
