package io.realcast.webhooks.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.tracing.TraceParent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * JSON forms of {@link Delivery}, {@link DeadLetter} and {@link AttemptLog} on their topics. Written and read with
 * Jackson's streaming API, not trees: the router encodes one delivery per (event, subscription) and the deliverer
 * decodes each one and encodes an attempt log per attempt, and the trees cost a large share of both. Unknown fields
 * are skipped on reading, so a newer writer's records stay readable.
 */
public final class DeliveryCodec {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  private DeliveryCodec() {}

  public static byte[] encode(Delivery d) {
    return write(d.body().length + 384, g -> {
      g.writeStartObject();
      writeDeliveryFields(g, d);
      g.writeEndObject();
    });
  }

  /**
   * {@link #encode(Delivery)} of each delivery, in order, byte for byte. The deliveries of one event to several webhooks
   * differ only in their first two fields (id and webhook id): those after them are written once and copied, instead
   * of escaping the same body again for every webhook (the router writes one record per event and subscription).
   */
  public static List<byte[]> encodeAll(List<Delivery> deliveries) {
    List<byte[]> out = new ArrayList<>(deliveries.size());
    Delivery written = null;
    byte[] rest = null;
    for (Delivery d : deliveries) {
      if (rest != null && sameAfterIds(written, d)) {
        out.add(withIds(d, rest));
        continue;
      }
      byte[] whole = encode(d);
      byte[] head = ids(d);
      boolean splittable = whole.length > head.length && Arrays.equals(whole, 0, head.length, head, 0, head.length);
      written = splittable ? d : null;
      rest = splittable ? Arrays.copyOfRange(whole, head.length, whole.length) : null;
      out.add(whole);
    }
    return out;
  }

  public static byte[] encode(DeadLetter dead) {
    return write(dead.delivery().body().length + 512, g -> {
      g.writeStartObject();
      writeDeliveryFields(g, dead.delivery());
      g.writeStringField("dead_reason", dead.reason().code());
      g.writeStringField("dead_detail", dead.detail());
      g.writeStringField("dead_at", InstantText.format(dead.deadAt()));
      if (!dead.heldBack().isEmpty()) {
        g.writeArrayFieldStart("held_back");
        for (DeadLetter.HeldBack h : dead.heldBack()) {
          g.writeStartObject();
          g.writeStringField("delivery_id", h.id().value());
          g.writeNumberField("waited_ms", h.waitedMillis());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }

  public static byte[] encode(AttemptLog log) {
    return write(384, g -> {
      g.writeStartObject();
      g.writeStringField("delivery_id", log.deliveryId().value());
      g.writeStringField("webhook_id", log.webhookId().value());
      g.writeStringField("app_id", log.appId().value());
      g.writeStringField("event", log.event().wireName());
      g.writeStringField("event_id", log.eventId().value());
      g.writeStringField("event_time", InstantText.format(log.eventTime()));
      if (log.attempt() != null) {
        g.writeFieldName("attempt");
        writeAttempt(g, log.attempt());
      }
      g.writeStringField("state", log.state().code());
      if (log.nextDueAt() != null) {
        g.writeStringField("next_due_at", InstantText.format(log.nextDueAt()));
      }
      g.writeEndObject();
    });
  }

  public static Delivery decodeDelivery(byte[] bytes) {
    return read(bytes, p -> fields(p).delivery());
  }

  public static DeadLetter decodeDeadLetter(byte[] bytes) {
    return read(bytes, p -> {
      Fields f = fields(p);
      return new DeadLetter(f.delivery(), DeadReason.fromCode(f.deadReason), f.deadDetail, instant(f.deadAt, "dead_at"),
          f.heldBack);
    });
  }

  public static AttemptLog decodeAttemptLog(byte[] bytes) {
    return read(bytes, p -> {
      Fields f = fields(p);
      if (f.state == null) {
        throw new IllegalArgumentException("attempt log without state");
      }
      DeliveryState state = DeliveryState.fromCode(f.state);
      if (f.attempt == null && state != DeliveryState.SUPERSEDED) {
        throw new IllegalArgumentException("attempt log without attempt");
      }
      return new AttemptLog(DeliveryId.of(f.deliveryId), WebhookId.of(f.webhookId), AppId.of(f.appId), eventType(f.event),
          EventId.of(f.eventId), instant(f.eventTime, "event_time"), f.attempt, state,
          f.nextDueAt == null ? null : InstantText.parse(f.nextDueAt));
    });
  }

  /** The tree form {@link #encode(Delivery)} must match byte for byte (tests compare them). */
  static byte[] encodeAsTree(Delivery d) {
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
    for (Attempt a : d.attempts()) {
      ObjectNode n = attempts.addObject();
      n.put("number", a.number());
      n.put("started_at", a.startedAt().toString());
      n.put("latency_ms", a.latencyMillis());
      n.put("status", a.statusCode());
      if (a.error() != null) {
        n.put("error", a.error());
      }
      n.put("result", a.result().code());
      if (a.traceId() != null) {
        n.put("trace_id", a.traceId());
      }
    }
    if (d.dueAt() != null) {
      node.put("due_at", d.dueAt().toString());
    }
    if (d.streamId() != null) {
      node.put("stream_id", d.streamId());
    }
    if (d.sequence() > 0) {
      node.put("sequence", d.sequence());
    }
    if (d.traceParent() != null) {
      node.put("trace_parent", d.traceParent());
    }
    return Json.toBytes(node);
  }

  private static void writeDeliveryFields(JsonGenerator g, Delivery d) throws IOException {
    g.writeStringField("id", d.id().value());
    g.writeStringField("webhook_id", d.webhookId().value());
    g.writeStringField("app_id", d.appId().value());
    g.writeStringField("event", d.event().wireName());
    g.writeStringField("event_id", d.eventId().value());
    g.writeStringField("event_time", InstantText.format(d.eventTime()));
    g.writeStringField("created_at", InstantText.format(d.createdAt()));
    g.writeFieldName("body");
    // The body is UTF-8 JSON already: escape its bytes as they are instead of decoding them to a String first.
    g.writeUTF8String(d.body(), 0, d.body().length);
    g.writeArrayFieldStart("attempts");
    for (Attempt a : d.attempts()) {
      writeAttempt(g, a);
    }
    g.writeEndArray();
    if (d.dueAt() != null) {
      g.writeStringField("due_at", InstantText.format(d.dueAt()));
    }
    if (d.streamId() != null) {
      g.writeStringField("stream_id", d.streamId());
    }
    if (d.sequence() > 0) {
      g.writeNumberField("sequence", d.sequence());
    }
    if (d.traceParent() != null) {
      g.writeStringField("trace_parent", d.traceParent());
    }
  }

  /**
   * How {@link #writeDeliveryFields} starts: ids are [A-Za-z0-9_-] after their prefix, which JSON writes as they are
   * ({@link #encodeAll} checks the encoded record starts with these bytes before it relies on them).
   */
  private static byte[] ids(Delivery d) {
    return ("{\"id\":\"" + d.id().value() + "\",\"webhook_id\":\"" + d.webhookId().value() + "\"")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] withIds(Delivery d, byte[] rest) {
    byte[] head = ids(d);
    byte[] out = Arrays.copyOf(head, head.length + rest.length);
    System.arraycopy(rest, 0, out, head.length, rest.length);
    return out;
  }

  /** Whether {@code a} and {@code b} write the same fields after their ids. */
  private static boolean sameAfterIds(Delivery a, Delivery b) {
    return a.appId().equals(b.appId()) && a.event() == b.event() && a.eventId().equals(b.eventId())
        && a.eventTime().equals(b.eventTime()) && a.createdAt().equals(b.createdAt())
        && (a.body() == b.body() || Arrays.equals(a.body(), b.body())) && a.attempts().equals(b.attempts())
        && Objects.equals(a.dueAt(), b.dueAt()) && Objects.equals(a.streamId(), b.streamId()) && a.sequence() == b.sequence()
        && Objects.equals(a.traceParent(), b.traceParent());
  }

  private static void writeAttempt(JsonGenerator g, Attempt a) throws IOException {
    g.writeStartObject();
    g.writeNumberField("number", a.number());
    g.writeStringField("started_at", InstantText.format(a.startedAt()));
    g.writeNumberField("latency_ms", a.latencyMillis());
    g.writeNumberField("status", a.statusCode());
    if (a.error() != null) {
      g.writeStringField("error", a.error());
    }
    g.writeStringField("result", a.result().code());
    if (a.traceId() != null) {
      g.writeStringField("trace_id", a.traceId());
    }
    g.writeEndObject();
  }

  /** Every field any of the three records has; each decoder takes what it needs. */
  private static final class Fields {
    String id;
    String deliveryId;
    String webhookId;
    String appId;
    String event;
    String eventId;
    String eventTime;
    String createdAt;
    byte[] body;
    List<Attempt> attempts = List.of();
    String dueAt;
    String streamId;
    long sequence;
    String traceParent;
    String deadReason;
    String deadDetail = "";
    String deadAt;
    List<DeadLetter.HeldBack> heldBack = List.of();
    Attempt attempt;
    String state;
    String nextDueAt;

    Delivery delivery() {
      if (id == null || webhookId == null || appId == null || event == null || eventId == null || body == null) {
        throw new IllegalArgumentException("delivery record without " + firstMissing());
      }
      return new Delivery(DeliveryId.of(id), WebhookId.of(webhookId), AppId.of(appId), eventType(event), EventId.of(eventId),
          instant(eventTime, "event_time"), instant(createdAt, "created_at"), body, attempts,
          dueAt == null ? null : InstantText.parse(dueAt), streamId, sequence, traceParent);
    }

    private String firstMissing() {
      return id == null ? "id" : webhookId == null ? "webhook_id" : appId == null ? "app_id" : event == null ? "event"
          : eventId == null ? "event_id" : "body";
    }
  }

  private static Fields fields(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
    Fields f = new Fields();
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "id" -> f.id = p.getText();
        case "delivery_id" -> f.deliveryId = p.getText();
        case "webhook_id" -> f.webhookId = p.getText();
        case "app_id" -> f.appId = p.getText();
        case "event" -> f.event = p.getText();
        case "event_id" -> f.eventId = p.getText();
        case "event_time" -> f.eventTime = p.getText();
        case "created_at" -> f.createdAt = p.getText();
        case "body" -> f.body = p.getText().getBytes(StandardCharsets.UTF_8);
        case "attempts" -> f.attempts = attempts(p);
        case "due_at" -> f.dueAt = p.getText();
        case "stream_id" -> f.streamId = p.getText();
        case "sequence" -> f.sequence = p.getLongValue();
        // Absent in records written before traces; kept only when valid, so a bad one never reaches a request header.
        case "trace_parent" -> f.traceParent = TraceParent.isValid(p.getText()) ? p.getText() : null;
        case "dead_reason" -> f.deadReason = p.getText();
        case "dead_detail" -> f.deadDetail = p.getText();
        case "dead_at" -> f.deadAt = p.getText();
        case "held_back" -> f.heldBack = heldBack(p);
        case "attempt" -> f.attempt = attempt(p);
        case "state" -> f.state = p.getText();
        case "next_due_at" -> f.nextDueAt = p.getText();
        default -> p.skipChildren(); // a field of a newer writer
      }
    }
    return f;
  }

  private static List<Attempt> attempts(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, "attempts as an array");
    List<Attempt> attempts = new ArrayList<>(4);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      attempts.add(attempt(p));
    }
    return attempts;
  }

  private static List<DeadLetter.HeldBack> heldBack(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, "held_back as an array");
    List<DeadLetter.HeldBack> all = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String id = null;
      long waited = 0;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "delivery_id" -> id = p.getText();
          case "waited_ms" -> waited = p.getLongValue();
          default -> p.skipChildren();
        }
      }
      all.add(new DeadLetter.HeldBack(DeliveryId.of(id), waited));
    }
    return all;
  }

  private static Attempt attempt(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, "an attempt object");
    int number = 0;
    String startedAt = null;
    long latency = 0;
    int status = 0;
    String error = null;
    String result = null;
    String traceId = null;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "number" -> number = p.getIntValue();
        case "started_at" -> startedAt = p.getText();
        case "latency_ms" -> latency = p.getLongValue();
        case "status" -> status = p.getIntValue();
        case "error" -> error = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
        case "result" -> result = p.getText();
        case "trace_id" -> traceId = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
        default -> p.skipChildren();
      }
    }
    return new Attempt(number, instant(startedAt, "started_at"), latency, status, error, AttemptResult.fromCode(result), traceId);
  }

  private static void expect(JsonToken actual, JsonToken wanted, String what) {
    if (actual != wanted) {
      throw new IllegalArgumentException("expected " + what + ", found " + actual);
    }
  }

  private static Instant instant(String text, String field) {
    if (text == null) {
      throw new IllegalArgumentException("record without " + field);
    }
    return InstantText.parse(text);
  }

  private static WebhookEventType eventType(String name) {
    return WebhookEventType.fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown event type in delivery record: " + name));
  }

  @FunctionalInterface
  private interface Writing {
    void to(JsonGenerator g) throws IOException;
  }

  @FunctionalInterface
  private interface Reading<T> {
    T from(JsonParser p) throws IOException;
  }

  private static byte[] write(int sizeHint, Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writing.to(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a delivery record", e);
    }
    return out.toByteArray();
  }

  /** Decodes one record; anything unreadable is an {@link IllegalArgumentException} naming what is wrong. */
  private static <T> T read(byte[] bytes, Reading<T> reading) {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return reading.from(p);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable JSON record: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON record: " + e.getMessage(), e);
    }
  }
}
