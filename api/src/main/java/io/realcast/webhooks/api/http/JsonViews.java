package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.Page;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.api.history.SeriesBucket;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.StatusCounts;
import io.realcast.webhooks.api.history.WebhookCounters;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.api.manage.OperationalWebhooks;
import io.realcast.webhooks.api.manage.Replays;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.WebhookHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The JSON the API answers with, snake_case as on the wire everywhere else. */
public final class JsonViews {
  private JsonViews() {}

  public static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  /** An app, with its operational webhook when {@code operational_webhook_url} is set. */
  public static ObjectNode app(App app, Optional<Subscription> operational, Instant now) {
    ObjectNode n = object();
    n.put("id", app.id().value());
    n.put("name", app.name());
    n.put("created_at", app.createdAt().toString());
    putTime(n, "previous_key_expires_at", app.previousKeyAt(now).map(App.PreviousKey::expiresAt).orElse(null));
    if (app.historyRetention().isPresent()) {
      n.put("history_retention_days", app.historyRetention().get().toDays());
    } else {
      n.putNull("history_retention_days");
    }
    putText(n, "operational_webhook_url", operational.map(Subscription::url).orElse(null));
    putText(n, "operational_webhook_id", operational.map(s -> s.id().value()).orElse(null));
    return n;
  }

  /**
   * A webhook without its secret (the secret is shown at creation and by the secret endpoint only), with how it has
   * been failing, if it is.
   */
  public static ObjectNode webhook(Subscription s, Optional<WebhookHealth> failing) {
    ObjectNode n = object();
    n.put("id", s.id().value());
    n.put("app_id", s.appId().value());
    n.put("url", s.url());
    ArrayNode events = n.putArray("events");
    s.events().stream().sorted().forEach(e -> events.add(e.wireName()));
    n.put("enabled", s.enabled());
    n.put("description", s.description());
    n.put("created_at", s.createdAt().toString());
    n.put("updated_at", s.updatedAt().toString());
    n.put("version", s.version());
    if (s.disabledReason() == null) {
      n.putNull("disabled_reason");
    } else {
      n.put("disabled_reason", s.disabledReason());
    }
    n.put("operational", OperationalWebhooks.isOperational(s));
    options(n, s.options());
    failing.ifPresentOrElse(h -> {
      ObjectNode f = n.putObject("failing");
      f.put("since", h.failingSince().toString());
      f.put("dead_letters", h.deadLetters());
      f.put("last_failure", h.lastFailure());
      f.put("last_failure_at", h.lastFailureAt().toString());
    }, () -> n.putNull("failing"));
    return n;
  }

  /** The delivery options, every one shown: null for "no limit" and "the deliverer's default". */
  private static void options(ObjectNode n, DeliveryOptions o) {
    n.put("ordering", o.ordering().code());
    putCount(n, "rate_limit_per_second", o.rateLimitPerSecond());
    putCount(n, "max_in_flight", o.maxInFlight());
    ObjectNode headers = n.putObject("headers");
    o.headers().forEach(headers::put);
  }

  /** A webhook just created, with its secret. */
  public static ObjectNode webhookWithSecret(Subscription s) {
    ObjectNode n = webhook(s, Optional.empty());
    n.put("secret", s.secret().value());
    return n;
  }

  public static ObjectNode secret(Subscription s, Instant now) {
    ObjectNode n = object();
    n.put("webhook_id", s.id().value());
    n.put("secret", s.secret().value());
    s.previousSecret().filter(p -> now.isBefore(p.expiresAt())).ifPresentOrElse(p -> {
      n.put("previous_secret", p.secret().value());
      n.put("previous_secret_expires_at", p.expiresAt().toString());
    }, () -> {
      n.putNull("previous_secret");
      n.putNull("previous_secret_expires_at");
    });
    return n;
  }

  public static ObjectNode delivery(DeliveryEntry d) {
    ObjectNode n = object();
    n.put("id", d.id().value());
    n.put("webhook_id", d.webhookId().value());
    n.put("app_id", d.appId().value());
    n.put("event", d.identity().event().wireName());
    n.put("event_id", d.identity().eventId().value());
    n.put("event_time", d.identity().eventTime().toString());
    putText(n, "stream_id", d.identity().streamId());
    n.put("status", d.status().wireName());
    putTime(n, "created_at", d.createdAt());
    putTime(n, "last_activity_at", d.lastActivity());
    putTime(n, "next_attempt_at", d.nextDueAt());
    d.lastAttempt().ifPresentOrElse(a -> {
      n.put("last_status_code", a.statusCode());
      n.put("last_latency_ms", a.latencyMillis());
      putText(n, "trace_id", a.traceId());
    }, () -> {
      n.putNull("last_status_code");
      n.putNull("last_latency_ms");
      n.putNull("trace_id");
    });
    ArrayNode attempts = n.putArray("attempts");
    d.attempts().forEach(a -> attempts.add(attempt(a)));
    if (d.death() == null) {
      n.putNull("dead_reason");
      n.putNull("dead_detail");
      n.putNull("dead_at");
    } else {
      n.put("dead_reason", d.death().reason());
      n.put("dead_detail", d.death().detail());
      putTime(n, "dead_at", d.death().at());
    }
    return n;
  }

  /** A page of deliveries and where the next one starts ({@code next_cursor}, null on the last page). */
  public static ObjectNode page(Page page) {
    ObjectNode n = object();
    ArrayNode list = n.putArray("deliveries");
    page.items().forEach(d -> list.add(delivery(d)));
    putText(n, "next_cursor", page.next().map(Position::toCursor).orElse(null));
    return n;
  }

  public static ObjectNode attempt(Attempt a) {
    ObjectNode n = object();
    n.put("number", a.number());
    n.put("started_at", a.startedAt().toString());
    n.put("latency_ms", a.latencyMillis());
    if (a.statusCode() > 0) {
      n.put("status_code", a.statusCode());
    } else {
      n.putNull("status_code");
    }
    if (a.error() == null) {
      n.putNull("error");
    } else {
      n.put("error", a.error());
    }
    n.put("result", a.result().code());
    putText(n, "trace_id", a.traceId());
    return n;
  }

  /**
   * Lifetime stats, per delivery as the guide's shape implies: received; processed (delivered) and failed (dead, also
   * also as {@code dead}) by each delivery's latest status; attempts apart; and the subscriber's lag.
   */
  public static ObjectNode stats(Subscription s, WebhookSummary summary, Instant now) {
    WebhookCounters c = summary.counters();
    StatusCounts by = c.byStatus();
    ObjectNode n = object();
    n.put("webhook_id", s.id().value());
    n.put("received", c.received());
    n.put("processed", by.delivered());
    n.put("failed", by.dead());
    n.put("pending", by.pending());
    n.put("retrying", by.retrying());
    n.put("dead", by.dead());
    n.put("superseded", by.superseded());
    n.put("attempts", c.attempts());
    n.put("failed_attempts", c.failedAttempts());
    ObjectNode latency = n.putObject("latency_ms");
    putLatency(latency, "p50", c.latency().percentile(50));
    putLatency(latency, "p99", c.latency().percentile(99));
    putTime(n, "last_success_at", c.last().successAt());
    putTime(n, "last_failure_at", c.last().failureAt());
    putText(n, "last_failure", c.last().failure());
    ObjectNode lag = n.putObject("lag");
    lag.put("deliveries", by.notFinal());
    summary.oldestUnfinishedSince().ifPresentOrElse(
        t -> lag.put("oldest_age_seconds", Math.max(0, Duration.between(t, now).toSeconds())),
        () -> lag.putNull("oldest_age_seconds"));
    return n;
  }

  /** A chart's points: attempts per step by outcome, and latency percentiles of the step. */
  public static ObjectNode series(Subscription s, SeriesRange range, List<SeriesPoint> points) {
    ObjectNode n = object();
    n.put("webhook_id", s.id().value());
    n.put("range", range.wireName());
    n.put("step_seconds", range.step().toSeconds());
    ArrayNode list = n.putArray("points");
    for (SeriesPoint p : points) {
      SeriesBucket b = p.bucket();
      ObjectNode point = list.addObject();
      point.put("at", p.at().toString());
      point.put("delivered", b.delivered());
      point.put("retrying", b.retrying());
      point.put("dead", b.dead());
      point.put("superseded", b.superseded());
      ObjectNode latency = point.putObject("latency_ms");
      putLatency(latency, "p50", b.latency().percentile(50));
      putLatency(latency, "p99", b.latency().percentile(99));
    }
    return n;
  }

  public static ObjectNode replay(Subscription s, Replays.Result r) {
    ObjectNode n = object();
    n.put("webhook_id", s.id().value());
    n.put("replay_id", r.replayId());
    n.put("dry_run", r.dryRun());
    n.put("matched", r.matched());
    n.put("already_queued", r.alreadyQueued());
    n.put("expired", r.expired());
    n.put("queued", r.queued());
    ArrayNode sample = n.putArray("sample");
    r.sample().forEach(d -> sample.add(delivery(d)));
    return n;
  }

  public static JsonNode error(String code, String message, String field) {
    ObjectNode n = object();
    ObjectNode e = n.putObject("error");
    e.put("code", code);
    e.put("message", message);
    if (field == null) {
      e.putNull("field");
    } else {
      e.put("field", field);
    }
    return n;
  }

  private static void putLatency(ObjectNode n, String name, long millis) {
    if (millis < 0) {
      n.putNull(name);
    } else {
      n.put(name, millis);
    }
  }

  private static void putCount(ObjectNode n, String name, OptionalInt count) {
    if (count.isPresent()) {
      n.put(name, count.getAsInt());
    } else {
      n.putNull(name);
    }
  }

  private static void putText(ObjectNode n, String name, String text) {
    if (text == null) {
      n.putNull(name);
    } else {
      n.put(name, text);
    }
  }

  private static void putTime(ObjectNode n, String name, Instant t) {
    if (t == null) {
      n.putNull(name);
    } else {
      n.put(name, t.toString());
    }
  }
}
