package io.realcast.webhooks.api.history.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.DeliveryStatus;
import io.realcast.webhooks.api.history.HistoryCodec;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON api instances exchange to ask each other about the partitions each runs ({@code /internal/history/*}).
 * Entries travel in their store form ({@link HistoryCodec}).
 */
final class WireFormat {
  private WireFormat() {}

  record ScanRequest(HistoryQuery query, Set<Integer> partitions, int budget) {}

  record FindRequest(DeliveryId id, Set<Integer> partitions) {}

  record SummaryRequest(WebhookId webhook, int partition) {}

  record SeriesRequest(WebhookId webhook, int partition, SeriesRange range, Instant now) {}

  static byte[] scanRequest(HistoryQuery q, Set<Integer> partitions, int budget) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("scope", q.scope() instanceof HistoryQuery.OfWebhook ? "webhook" : "app");
    n.put("id", q.scope().id());
    ArrayNode statuses = n.putArray("statuses");
    q.statuses().forEach(s -> statuses.add(s.wireName()));
    ArrayNode types = n.putArray("event_types");
    q.eventTypes().forEach(t -> types.add(t.wireName()));
    q.since().ifPresent(t -> n.put("since", t.toString()));
    q.until().ifPresent(t -> n.put("until", t.toString()));
    q.eventId().ifPresent(id -> n.put("event_id", id.value()));
    q.streamId().ifPresent(id -> n.put("stream_id", id));
    q.deliveryId().ifPresent(id -> n.put("delivery_id", id.value()));
    q.after().ifPresent(p -> n.put("after", p.toCursor()));
    n.put("limit", q.limit());
    n.set("partitions", partitionsNode(partitions));
    n.put("budget", budget);
    return Json.toBytes(n);
  }

  static ScanRequest scanRequest(byte[] body) {
    JsonNode n = Json.readTree(body);
    HistoryQuery.Scope scope = n.path("scope").asText().equals("webhook") ? new HistoryQuery.OfWebhook(WebhookId.of(n.path("id").asText()))
        : new HistoryQuery.OfApp(AppId.of(n.path("id").asText()));
    Set<DeliveryStatus> statuses = EnumSet.noneOf(DeliveryStatus.class);
    n.path("statuses").forEach(s -> statuses.add(DeliveryStatus.parse(s.asText()).orElseThrow()));
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    n.path("event_types").forEach(t -> types.add(WebhookEventType.fromWireName(t.asText()).orElseThrow()));
    HistoryQuery q = new HistoryQuery(scope, statuses, types, opt(n, "since", Instant::parse), opt(n, "until", Instant::parse),
        opt(n, "event_id", EventId::of), opt(n, "stream_id", s -> s), opt(n, "delivery_id", DeliveryId::of),
        opt(n, "after", Position::fromCursor), n.path("limit").asInt());
    return new ScanRequest(q, partitions(n.path("partitions")), n.path("budget").asInt());
  }

  static byte[] pages(List<PartitionPage> pages) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (PartitionPage p : pages) {
      ObjectNode n = list.addObject();
      n.put("partition", p.partition());
      ArrayNode items = n.putArray("items");
      p.items().forEach(e -> items.add(HistoryCodec.entryNode(e)));
      n.put("exhausted", p.exhausted());
      p.lastExamined().ifPresent(pos -> n.put("last_examined", pos.toCursor()));
    }
    return Json.toBytes(list);
  }

  static List<PartitionPage> pages(byte[] body) {
    List<PartitionPage> pages = new ArrayList<>();
    for (JsonNode n : Json.readTree(body)) {
      List<DeliveryEntry> items = new ArrayList<>();
      n.path("items").forEach(e -> items.add(HistoryCodec.entry(e)));
      pages.add(new PartitionPage(n.path("partition").asInt(), items, n.path("exhausted").asBoolean(),
          opt(n, "last_examined", Position::fromCursor)));
    }
    return pages;
  }

  static byte[] findRequest(DeliveryId id, Set<Integer> partitions) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("delivery_id", id.value());
    n.set("partitions", partitionsNode(partitions));
    return Json.toBytes(n);
  }

  static FindRequest findRequest(byte[] body) {
    JsonNode n = Json.readTree(body);
    return new FindRequest(DeliveryId.of(n.path("delivery_id").asText()), partitions(n.path("partitions")));
  }

  static byte[] found(Optional<DeliveryEntry> entry) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    entry.ifPresentOrElse(e -> n.set("entry", HistoryCodec.entryNode(e)), () -> n.putNull("entry"));
    return Json.toBytes(n);
  }

  static Optional<DeliveryEntry> found(byte[] body) {
    JsonNode e = Json.readTree(body).path("entry");
    return e.isObject() ? Optional.of(HistoryCodec.entry(e)) : Optional.empty();
  }

  static byte[] summaryRequest(WebhookId webhook, int partition) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("webhook_id", webhook.value());
    n.put("partition", partition);
    return Json.toBytes(n);
  }

  static SummaryRequest summaryRequest(byte[] body) {
    JsonNode n = Json.readTree(body);
    return new SummaryRequest(WebhookId.of(n.path("webhook_id").asText()), n.path("partition").asInt());
  }

  static byte[] summary(WebhookSummary s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.set("counters", HistoryCodec.countersNode(s.counters()));
    s.oldestUnfinishedSince().ifPresent(t -> n.put("oldest_unfinished_since", t.toString()));
    return Json.toBytes(n);
  }

  static WebhookSummary summary(byte[] body) {
    JsonNode n = Json.readTree(body);
    return new WebhookSummary(HistoryCodec.counters(n.path("counters")), opt(n, "oldest_unfinished_since", Instant::parse));
  }

  static byte[] seriesRequest(WebhookId webhook, int partition, SeriesRange range, Instant now) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("webhook_id", webhook.value());
    n.put("partition", partition);
    n.put("range", range.wireName());
    n.put("now", now.toString());
    return Json.toBytes(n);
  }

  static SeriesRequest seriesRequest(byte[] body) {
    JsonNode n = Json.readTree(body);
    return new SeriesRequest(WebhookId.of(n.path("webhook_id").asText()), n.path("partition").asInt(),
        SeriesRange.parse(n.path("range").asText()).orElseThrow(), Instant.parse(n.path("now").asText()));
  }

  static byte[] series(List<SeriesPoint> points) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (SeriesPoint p : points) {
      ObjectNode n = list.addObject();
      n.put("at", p.at().toString());
      n.set("bucket", HistoryCodec.bucketNode(p.bucket()));
    }
    return Json.toBytes(list);
  }

  static List<SeriesPoint> series(byte[] body) {
    List<SeriesPoint> points = new ArrayList<>();
    for (JsonNode n : Json.readTree(body)) {
      points.add(new SeriesPoint(Instant.parse(n.path("at").asText()), HistoryCodec.bucket(n.path("bucket"))));
    }
    return points;
  }

  private static ArrayNode partitionsNode(Set<Integer> partitions) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    partitions.forEach(a::add);
    return a;
  }

  private static Set<Integer> partitions(JsonNode n) {
    Set<Integer> set = new TreeSet<>();
    n.forEach(p -> set.add(p.asInt()));
    return set;
  }

  private static <T> Optional<T> opt(JsonNode n, String field, Function<String, T> parse) {
    return n.hasNonNull(field) ? Optional.of(parse.apply(n.get(field).asText())) : Optional.empty();
  }
}
