package io.realcast.webhooks.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** JSON forms of {@link Delivery}, {@link DeadLetter} and {@link AttemptLog} on their topics. */
public final class DeliveryCodec {
  private DeliveryCodec() {}

  /**
   * Written with a streaming generator, not a tree: the router encodes one per (event, subscription) and
   * the tree cost a fifth of its CPU. The bytes are those of {@code Json.toBytes(deliveryNode(d))}.
   */
  public static byte[] encode(Delivery d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(d.body().length + 384);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", d.id().value());
      g.writeStringField("webhook_id", d.webhookId().value());
      g.writeStringField("app_id", d.appId().value());
      g.writeStringField("event", d.event().wireName());
      g.writeStringField("event_id", d.eventId().value());
      g.writeStringField("event_time", d.eventTime().toString());
      g.writeStringField("created_at", d.createdAt().toString());
      g.writeStringField("body", d.bodyText());
      g.writeArrayFieldStart("attempts");
      for (Attempt a : d.attempts()) {
        g.writeTree(attemptNode(a));
      }
      g.writeEndArray();
      if (d.dueAt() != null) {
        g.writeStringField("due_at", d.dueAt().toString());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + d, e);
    }
    return out.toByteArray();
  }

  /** The tree form {@link #encode(Delivery)} must match byte for byte (tests compare them). */
  static byte[] encodeAsTree(Delivery d) {
    return Json.toBytes(deliveryNode(d));
  }

  public static Delivery decodeDelivery(byte[] bytes) {
    return delivery(Json.readTree(bytes));
  }

  public static byte[] encode(DeadLetter dead) {
    ObjectNode node = deliveryNode(dead.delivery());
    node.put("dead_reason", dead.reason());
    node.put("dead_detail", dead.detail());
    node.put("dead_at", dead.deadAt().toString());
    return Json.toBytes(node);
  }

  public static DeadLetter decodeDeadLetter(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    return new DeadLetter(delivery(n), n.path("dead_reason").asText(), n.path("dead_detail").asText(""),
        Instant.parse(n.path("dead_at").asText()));
  }

  public static byte[] encode(AttemptLog log) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("delivery_id", log.deliveryId().value());
    node.put("webhook_id", log.webhookId().value());
    node.put("app_id", log.appId().value());
    node.put("event", log.event().wireName());
    node.put("event_id", log.eventId().value());
    node.put("event_time", log.eventTime().toString());
    node.set("attempt", attemptNode(log.attempt()));
    node.put("state", log.finalState());
    if (log.nextDueAt() != null) {
      node.put("next_due_at", log.nextDueAt().toString());
    }
    return Json.toBytes(node);
  }

  public static AttemptLog decodeAttemptLog(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    return new AttemptLog(DeliveryId.of(n.path("delivery_id").asText()), WebhookId.of(n.path("webhook_id").asText()),
        AppId.of(n.path("app_id").asText()), eventType(n), EventId.of(n.path("event_id").asText()),
        Instant.parse(n.path("event_time").asText()), attempt(n.path("attempt")), n.path("state").asText(),
        n.hasNonNull("next_due_at") ? Instant.parse(n.get("next_due_at").asText()) : null);
  }

  private static ObjectNode deliveryNode(Delivery d) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", d.id().value());
    node.put("webhook_id", d.webhookId().value());
    node.put("app_id", d.appId().value());
    node.put("event", d.event().wireName());
    node.put("event_id", d.eventId().value());
    node.put("event_time", d.eventTime().toString());
    node.put("created_at", d.createdAt().toString());
    node.put("body", d.bodyText());
    ArrayNode attempts = node.putArray("attempts");
    d.attempts().forEach(a -> attempts.add(attemptNode(a)));
    if (d.dueAt() != null) {
      node.put("due_at", d.dueAt().toString());
    }
    return node;
  }

  private static Delivery delivery(JsonNode n) {
    List<Attempt> attempts = new ArrayList<>();
    n.path("attempts").forEach(a -> attempts.add(attempt(a)));
    return new Delivery(DeliveryId.of(n.path("id").asText()), WebhookId.of(n.path("webhook_id").asText()),
        AppId.of(n.path("app_id").asText()), eventType(n), EventId.of(n.path("event_id").asText()),
        Instant.parse(n.path("event_time").asText()), Instant.parse(n.path("created_at").asText()),
        n.path("body").asText().getBytes(StandardCharsets.UTF_8), attempts,
        n.hasNonNull("due_at") ? Instant.parse(n.get("due_at").asText()) : null);
  }

  private static ObjectNode attemptNode(Attempt a) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("number", a.number());
    node.put("started_at", a.startedAt().toString());
    node.put("latency_ms", a.latencyMillis());
    node.put("status", a.statusCode());
    if (a.error() != null) {
      node.put("error", a.error());
    }
    node.put("result", a.result().code());
    return node;
  }

  private static Attempt attempt(JsonNode n) {
    return new Attempt(n.path("number").asInt(), Instant.parse(n.path("started_at").asText()),
        n.path("latency_ms").asLong(), n.path("status").asInt(), n.hasNonNull("error") ? n.get("error").asText() : null,
        AttemptResult.fromCode(n.path("result").asText()));
  }

  private static WebhookEventType eventType(JsonNode n) {
    String name = n.path("event").asText();
    return WebhookEventType.fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown event type in delivery record: " + name));
  }
}
