package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.auth.Caller;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.DeliveryStatus;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.manage.Apps;
import io.realcast.webhooks.api.manage.Deliveries;
import io.realcast.webhooks.api.manage.RateLimits;
import io.realcast.webhooks.api.manage.ReplayRequest;
import io.realcast.webhooks.api.manage.Replays;
import io.realcast.webhooks.api.manage.Webhooks;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.validation.JsonBodies;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.subscription.Subscription;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test events, the delivery history (search, stats, charts), redelivery, replay and recovery of one app's webhooks. */
final class DeliveriesHandler {
  private static final Set<String> REPLAY_FIELDS = Set.of("since", "until", "status", "event_types", "dry_run");

  private final Targets targets;
  private final Deliveries deliveries;
  private final Replays replays;
  private final History history;
  private final RateLimits limits;
  private final ApiMetrics metrics;
  private final Clock clock;

  DeliveriesHandler(Apps apps, Webhooks webhooks, Deliveries deliveries, Replays replays, History history, RateLimits limits,
      ApiMetrics metrics, Clock clock) {
    this.targets = new Targets(apps, webhooks);
    this.deliveries = deliveries;
    this.replays = replays;
    this.history = history;
    this.limits = limits;
    this.metrics = metrics;
    this.clock = clock;
  }

  Reply test(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("event"));
    String name = JsonBodies.requiredString(body, "event", 64);
    WebhookEventType type = WebhookInput.eventType(name, "event");
    limit(s.appId(), RateLimits.Action.TEST);
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

  /** {@code GET …/webhooks/{id}/deliveries}: one webhook's history. */
  Reply list(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    return Reply.ok(JsonViews.page(history.search(DeliveryFilters.parse(ctx.queryParams(), new HistoryQuery.OfWebhook(s.id())))));
  }

  /** {@code GET /v1/apps/{app}/deliveries}: every webhook of the app, deleted ones included while retained. */
  Reply listApp(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    return Reply.ok(JsonViews.page(history.search(DeliveryFilters.parse(ctx.queryParams(), new HistoryQuery.OfApp(app.id())))));
  }

  Reply stats(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    return Reply.ok(JsonViews.stats(s, history.summary(s.id()), clock.instant()));
  }

  Reply series(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    String text = Optional.ofNullable(ctx.queryParams().get("range")).orElse(SeriesRange.HOUR.wireName());
    SeriesRange range = SeriesRange.parse(text).orElseThrow(() -> ApiProblem.invalid("invalid_field", "range",
        "range must be 1h or 24h"));
    return Reply.ok(JsonViews.series(s, range, history.series(s.id(), range)));
  }

  Reply redeliver(RoutingContext ctx, Caller caller) {
    App app = targets.app(ctx, caller);
    JsonBodies.object(Bodies.of(ctx), Set.of());
    limit(app.id(), RateLimits.Action.REDELIVER);
    DeliveryEntry d = deliveries.redeliver(app, ctx.pathParam("delivery"));
    metrics.redeliveries("one", 1);
    return Reply.accepted(JsonViews.delivery(d));
  }

  /** Today's recover: the replay of every dead letter since a time, answered in its own shape. */
  Reply recover(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    JsonNode body = JsonBodies.object(Bodies.of(ctx), Set.of("since"));
    Instant since = DeliveryFilters.time("since", JsonBodies.requiredString(body, "since", 64));
    limit(s.appId(), RateLimits.Action.REPLAY);
    Replays.Result r = replays.replay(s, ReplayRequest.recover(since));
    metrics.redeliveries("recover", r.queued());
    ObjectNode n = JsonViews.object();
    n.put("webhook_id", s.id().value());
    n.put("recovered", r.queued());
    ArrayNode ids = n.putArray("delivery_ids");
    r.queuedIds().forEach(id -> ids.add(id.value()));
    return Reply.accepted(n);
  }

  Reply replay(RoutingContext ctx, Caller caller) {
    Subscription s = targets.webhook(ctx, caller);
    ReplayRequest request = replayRequest(JsonBodies.object(Bodies.of(ctx), REPLAY_FIELDS));
    limit(s.appId(), RateLimits.Action.REPLAY);
    Replays.Result r = replays.replay(s, request);
    if (!r.dryRun()) {
      metrics.redeliveries("replay", r.queued());
    }
    return new Reply(r.dryRun() ? 200 : 202, JsonViews.replay(s, r), Map.of());
  }

  private static ReplayRequest replayRequest(JsonNode body) {
    Instant since = DeliveryFilters.time("since", JsonBodies.requiredString(body, "since", 64));
    Optional<Instant> until = Optional.ofNullable(JsonBodies.string(body, "until", 64)).map(t -> DeliveryFilters.time("until", t));
    if (until.isPresent() && !since.isBefore(until.get())) {
      throw ApiProblem.invalid("invalid_field", "until", "until must be later than since");
    }
    Set<DeliveryStatus> statuses = EnumSet.noneOf(DeliveryStatus.class);
    for (String text : JsonBodies.strings(body, "status", DeliveryStatus.values().length + 1, 32)) {
      DeliveryStatus status = DeliveryStatus.parse(text).filter(ReplayRequest.REPLAYABLE::contains).orElseThrow(() ->
          ApiProblem.invalid("invalid_field", "status", "status lists final statuses: delivered, dead (or failed), superseded; "
              + "pending and retrying deliveries are queued already"));
      statuses.add(status);
    }
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    for (String text : JsonBodies.strings(body, "event_types", WebhookEventType.ALL.size() * 2, 64)) {
      types.add(WebhookInput.eventType(text, "event_types"));
    }
    Boolean dryRun = JsonBodies.bool(body, "dry_run");
    return new ReplayRequest(since, until, statuses, types, dryRun != null && dryRun);
  }

  private void limit(AppId app, RateLimits.Action action) {
    try {
      limits.acquire(app, action);
    } catch (ApiProblem p) {
      metrics.quotaRefusal(action.name().toLowerCase(Locale.ROOT));
      throw p;
    }
  }
}
