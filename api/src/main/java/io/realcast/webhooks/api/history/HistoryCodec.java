package io.realcast.webhooks.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.history.DeliveryEntry.Death;
import io.realcast.webhooks.api.history.DeliveryEntry.Identity;
import io.realcast.webhooks.api.history.DeliveryEntry.Sources;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * JSON forms of the history's values, in its store, its changelog topic, and between API instances. Readers
 * ignore fields they do not know and default missing ones, so instances of two versions can share a store.
 */
public final class HistoryCodec {
  private HistoryCodec() {}

  public static byte[] encode(DeliveryEntry e) {
    return Json.toBytes(entryNode(e));
  }

  public static DeliveryEntry decodeEntry(byte[] bytes) {
    return entry(Json.readTree(bytes));
  }

  public static ObjectNode entryNode(DeliveryEntry e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    Identity i = e.identity();
    n.put("id", i.id().value());
    n.put("webhook_id", i.webhookId().value());
    n.put("app_id", i.appId().value());
    n.put("event", i.event().wireName());
    n.put("event_id", i.eventId().value());
    n.put("event_time", i.eventTime().toString());
    putText(n, "stream_id", i.streamId());
    n.put("created_at", e.createdAt().toString());
    n.put("created_at_known", e.createdAtKnown());
    n.put("status", e.status().wireName());
    n.put("state_time", e.stateTime().toString());
    putTime(n, "enqueued_at", e.enqueuedAt());
    n.put("last_activity", e.lastActivity().toString());
    putTime(n, "expires_at", e.expiresAt());
    ArrayNode attempts = n.putArray("attempts");
    e.attempts().forEach(a -> attempts.add(attemptNode(a)));
    putTime(n, "next_due_at", e.nextDueAt());
    if (e.death() != null) {
      n.put("dead_reason", e.death().reason());
      n.put("dead_detail", e.death().detail());
      n.put("dead_at", e.death().at().toString());
    }
    putRef(n, "delivery_ref", e.sources().delivery());
    putRef(n, "dead_ref", e.sources().dead());
    putText(n, "last_replay_id", e.lastReplayId());
    return n;
  }

  public static DeliveryEntry entry(JsonNode n) {
    Identity identity = new Identity(DeliveryId.of(n.path("id").asText()), WebhookId.of(n.path("webhook_id").asText()),
        AppId.of(n.path("app_id").asText()), eventType(n.path("event").asText()), EventId.of(n.path("event_id").asText()),
        Instant.parse(n.path("event_time").asText()), text(n, "stream_id"));
    List<Attempt> attempts = new ArrayList<>();
    n.path("attempts").forEach(a -> attempts.add(attempt(a)));
    Death death = n.hasNonNull("dead_reason")
        ? new Death(n.get("dead_reason").asText(), n.path("dead_detail").asText(""), time(n, "dead_at"))
        : null;
    DeliveryStatus status = DeliveryStatus.parse(n.path("status").asText())
        .orElseThrow(() -> new IllegalArgumentException("unknown status " + n.path("status").asText()));
    return new DeliveryEntry(identity, time(n, "created_at"), n.path("created_at_known").asBoolean(true), status,
        time(n, "state_time"), time(n, "enqueued_at"), time(n, "last_activity"), time(n, "expires_at"), attempts,
        time(n, "next_due_at"), death, new Sources(ref(n.get("delivery_ref")), ref(n.get("dead_ref"))), text(n, "last_replay_id"));
  }

  public static byte[] encode(WebhookCounters c) {
    return Json.toBytes(countersNode(c));
  }

  public static WebhookCounters decodeCounters(byte[] bytes) {
    return counters(Json.readTree(bytes));
  }

  public static ObjectNode countersNode(WebhookCounters c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("received", c.received());
    n.set("by_status", countsNode(c.byStatus()));
    n.put("attempts", c.attempts());
    n.put("failed_attempts", c.failedAttempts());
    putTime(n, "last_success_at", c.last().successAt());
    putTime(n, "last_failure_at", c.last().failureAt());
    putText(n, "last_failure", c.last().failure());
    n.set("latency", histogramNode(c.latency()));
    return n;
  }

  public static WebhookCounters counters(JsonNode n) {
    return new WebhookCounters(n.path("received").asLong(), counts(n.path("by_status")), n.path("attempts").asLong(),
        n.path("failed_attempts").asLong(),
        new WebhookCounters.LastOutcomes(time(n, "last_success_at"), time(n, "last_failure_at"), text(n, "last_failure")),
        histogram(n.path("latency")));
  }

  public static byte[] encode(StatusCounts c) {
    return Json.toBytes(countsNode(c));
  }

  public static StatusCounts decodeCounts(byte[] bytes) {
    return counts(Json.readTree(bytes));
  }

  public static byte[] encode(SeriesBucket b) {
    return Json.toBytes(bucketNode(b));
  }

  public static SeriesBucket decodeBucket(byte[] bytes) {
    return bucket(Json.readTree(bytes));
  }

  public static ObjectNode bucketNode(SeriesBucket b) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("delivered", b.delivered());
    n.put("retrying", b.retrying());
    n.put("dead", b.dead());
    n.put("superseded", b.superseded());
    n.set("latency", histogramNode(b.latency()));
    return n;
  }

  public static SeriesBucket bucket(JsonNode n) {
    return new SeriesBucket(n.path("delivered").asLong(), n.path("retrying").asLong(), n.path("dead").asLong(),
        n.path("superseded").asLong(), histogram(n.path("latency")));
  }

  /** An attempt as the history stores it (the fields of the topics' attempts; the store's form is the api's own). */
  private static ObjectNode attemptNode(Attempt a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("number", a.number());
    n.put("started_at", a.startedAt().toString());
    n.put("latency_ms", a.latencyMillis());
    n.put("status", a.statusCode());
    putText(n, "error", a.error());
    n.put("result", a.result().code());
    putText(n, "trace_id", a.traceId());
    return n;
  }

  private static Attempt attempt(JsonNode n) {
    return new Attempt(n.path("number").asInt(), Instant.parse(n.path("started_at").asText()), n.path("latency_ms").asLong(),
        n.path("status").asInt(), text(n, "error"), AttemptResult.fromCode(n.path("result").asText()), text(n, "trace_id"));
  }

  private static ObjectNode countsNode(StatusCounts c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    for (DeliveryStatus s : DeliveryStatus.values()) {
      n.put(s.wireName(), c.of(s));
    }
    return n;
  }

  private static StatusCounts counts(JsonNode n) {
    StatusCounts c = StatusCounts.ZERO;
    for (DeliveryStatus s : DeliveryStatus.values()) {
      c = c.plus(s, n.path(s.wireName()).asLong());
    }
    return c;
  }

  private static ObjectNode histogramNode(LatencyHistogram h) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    h.counts().forEach((bucket, count) -> n.put(Integer.toString(bucket), count));
    return n;
  }

  private static LatencyHistogram histogram(JsonNode n) {
    TreeMap<Integer, Long> counts = new TreeMap<>();
    n.fields().forEachRemaining(f -> counts.put(Integer.parseInt(f.getKey()), f.getValue().asLong()));
    return counts.isEmpty() ? LatencyHistogram.EMPTY : new LatencyHistogram(counts);
  }

  private static WebhookEventType eventType(String name) {
    return WebhookEventType.fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown event type " + name));
  }

  private static void putRef(ObjectNode n, String name, RecordRef ref) {
    if (ref != null) {
      ObjectNode r = n.putObject(name);
      r.put("topic", ref.topic());
      r.put("partition", ref.partition());
      r.put("offset", ref.offset());
    }
  }

  private static RecordRef ref(JsonNode n) {
    return n == null || n.isNull() ? null : new RecordRef(n.path("topic").asText(), n.path("partition").asInt(), n.path("offset").asLong());
  }

  private static void putTime(ObjectNode n, String name, Instant t) {
    if (t != null) {
      n.put(name, t.toString());
    }
  }

  private static Instant time(JsonNode n, String name) {
    return n.hasNonNull(name) ? Instant.parse(n.get(name).asText()) : null;
  }

  private static void putText(ObjectNode n, String name, String value) {
    if (value != null) {
      n.put(name, value);
    }
  }

  private static String text(JsonNode n, String name) {
    return n.hasNonNull(name) ? n.get(name).asText() : null;
  }
}
