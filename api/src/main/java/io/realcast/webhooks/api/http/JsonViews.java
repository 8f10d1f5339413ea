package io.realcast.webhooks.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.log.DeliverySummary;
import io.realcast.webhooks.api.log.WebhookStats;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.subscription.Subscription;
import java.time.Instant;

/** The JSON the API answers with, snake_case as on the wire everywhere else. */
public final class JsonViews {
  private JsonViews() {}

  public static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  public static ObjectNode app(App app) {
    ObjectNode n = object();
    n.put("id", app.id().value());
    n.put("name", app.name());
    n.put("created_at", app.createdAt().toString());
    return n;
  }

  /** A webhook without its secret: the secret is shown at creation and by the secret endpoint only. */
  public static ObjectNode webhook(Subscription s) {
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
    if (s.disabledReason() == null) {
      n.putNull("disabled_reason");
    } else {
      n.put("disabled_reason", s.disabledReason());
    }
    return n;
  }

  public static ObjectNode webhookWithSecret(Subscription s) {
    ObjectNode n = webhook(s);
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

  public static ObjectNode delivery(DeliverySummary d) {
    ObjectNode n = object();
    n.put("id", d.id().value());
    n.put("webhook_id", d.webhookId().value());
    n.put("event", d.event().wireName());
    n.put("event_id", d.eventId().value());
    n.put("event_time", d.eventTime().toString());
    n.put("status", d.status().wireName());
    putTime(n, "first_seen_at", d.firstSeen());
    putTime(n, "last_activity_at", d.lastActivity());
    putTime(n, "next_attempt_at", d.nextDueAt());
    d.lastAttempt().ifPresentOrElse(a -> {
      n.put("last_status_code", a.statusCode());
      n.put("last_latency_ms", a.latencyMillis());
    }, () -> {
      n.putNull("last_status_code");
      n.putNull("last_latency_ms");
    });
    ArrayNode attempts = n.putArray("attempts");
    d.attempts().forEach(a -> attempts.add(attempt(a)));
    if (d.deadReason() == null) {
      n.putNull("dead_reason");
    } else {
      n.put("dead_reason", d.deadReason());
      n.put("dead_detail", d.deadDetail());
      putTime(n, "dead_at", d.deadAt());
    }
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
    return n;
  }

  public static ObjectNode stats(Subscription s, WebhookStats st) {
    ObjectNode n = object();
    n.put("webhook_id", s.id().value());
    n.put("received", st.received());
    n.put("processed", st.processed());
    n.put("failed", st.failed());
    n.put("pending", st.pending());
    n.put("retrying", st.retrying());
    n.put("dead", st.dead());
    n.put("attempts", st.attempts());
    ObjectNode latency = n.putObject("latency_ms");
    putLatency(latency, "p50", st.p50LatencyMillis());
    putLatency(latency, "p99", st.p99LatencyMillis());
    putTime(n, "last_success_at", st.lastSuccessAt());
    putTime(n, "last_failure_at", st.lastFailureAt());
    if (st.lastFailure() == null) {
      n.putNull("last_failure");
    } else {
      n.put("last_failure", st.lastFailure());
    }
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

  private static void putTime(ObjectNode n, String name, Instant t) {
    if (t == null) {
      n.putNull(name);
    } else {
      n.put(name, t.toString());
    }
  }
}
