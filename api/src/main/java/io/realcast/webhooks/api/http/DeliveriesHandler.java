package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.log.DeliveryLog;
import io.realcast.webhooks.api.log.DeliveryStatus;
import io.realcast.webhooks.api.log.DeliverySummary;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Deliveries;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.validation.JsonBodies;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Test events, the delivery log, stats, redelivery and recovery of one app's webhooks. */
final class DeliveriesHandler {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final Targets targets;
  private final Deliveries deliveries;
  private final DeliveryLog log;
  private final ApiMetrics metrics;

  DeliveriesHandler(Apps apps, Webhooks webhooks, Deliveries deliveries, DeliveryLog log, ApiMetrics metrics) {
    this.targets = new Targets(apps, webhooks);
    this.deliveries = deliveries;
    this.log = log;
    this.metrics = metrics;
  }

  Reply test(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("event"));
    String name = JsonBodies.requiredString(body, "event", 64);
    WebhookEventType type = WebhookInput.eventType(name, "event");
    Delivery d = deliveries.sendTest(s, type);
    metrics.testEvent(type.wireName());
    ObjectNode n = JsonViews.object();
    n.put("delivery_id", d.id().value());
    n.put("webhook_id", s.id().value());
    n.put("event", type.wireName());
    n.put("status", DeliveryStatus.PENDING.wireName());
    n.put("body", d.bodyText());
    return Reply.accepted(n);
  }

  Reply list(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    Optional<DeliveryStatus> status = Optional.ofNullable(ctx.queryParams().get("status")).map(text -> DeliveryStatus.parse(text)
        .orElseThrow(() -> ApiProblem.invalid("invalid_field", "status",
            "status must be one of pending, retrying, delivered, dead (or failed)")));
    int limit = limit(ctx.queryParams().get("limit"));
    ObjectNode n = JsonViews.object();
    ArrayNode list = n.putArray("deliveries");
    deliveries.list(s, status, limit).forEach(d -> list.add(JsonViews.delivery(d)));
    return Reply.ok(n);
  }

  Reply stats(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    return Reply.ok(JsonViews.stats(s, log.stats(s.id())));
  }

  Reply redeliver(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    JsonBodies.object(Bodies.of(ctx), Set.of());
    DeliverySummary d = deliveries.redeliver(app, ctx.pathParam("delivery"));
    metrics.redeliveries("one", 1);
    return Reply.accepted(JsonViews.delivery(d));
  }

  Reply recover(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("since"));
    String sinceText = JsonBodies.requiredString(body, "since", 64);
    Instant since;
    try {
      since = Instant.parse(sinceText);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid("invalid_field", "since", "since must be an ISO-8601 UTC time such as 2024-12-09T10:00:00Z");
    }
    List<DeliveryId> requeued = deliveries.recover(s, since);
    metrics.redeliveries("bulk", requeued.size());
    ObjectNode n = JsonViews.object();
    n.put("webhook_id", s.id().value());
    n.put("recovered", requeued.size());
    ArrayNode ids = n.putArray("delivery_ids");
    requeued.forEach(id -> ids.add(id.value()));
    return Reply.accepted(n);
  }


  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.invalid("invalid_field", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
