package io.realcast.webhooks.api;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A day of one webhook's attempts as the deliverer records them (attempt records only, so no deliverer sends them):
 * a few deliveries a minute over the last hour, fewer before, some retried, a few given up on. For the charts.
 */
final class SyntheticHistory {
  private SyntheticHistory() {}

  /** Writes the records stamped with the times they stand for; returns how many deliveries they describe. */
  static int write(KafkaSettings kafka, String app, String webhook, Instant now) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    int deliveries = 0;
    for (int minute = 55; minute >= 1; minute--) {
      deliveries += minute(records, kafka, app, webhook, now.minus(Duration.ofMinutes(minute)), 3 + minute % 5, minute);
    }
    for (int quarter = 90; quarter >= 5; quarter -= 3) {
      deliveries += minute(records, kafka, app, webhook, now.minus(Duration.ofMinutes(15L * quarter)), 2 + quarter % 4, quarter);
    }
    TopicProbe.writeAll(kafka, records);
    return deliveries;
  }

  private static int minute(List<ProducerRecord<String, byte[]>> records, KafkaSettings kafka, String app, String webhook, Instant at,
      int count, int seed) {
    for (int i = 0; i < count; i++) {
      EventId event = EventId.of("evt_synth_" + at.toEpochMilli() + "_" + i);
      Instant start = at.plusSeconds(i * 7L);
      long latency = 40 + (seed * 37L + i * 53L) % 260;
      boolean retried = (seed + i) % 7 == 0;
      boolean dead = (seed + i) % 13 == 0;
      if (retried || dead) {
        records.add(attempt(kafka, app, webhook, event, 1, start, latency * 3, 503, AttemptResult.TEMPORARY, DeliveryState.RETRYING));
        start = start.plusSeconds(1);
      }
      records.add(dead
          ? attempt(kafka, app, webhook, event, 2, start, latency, 500, AttemptResult.PERMANENT, DeliveryState.DEAD)
          : attempt(kafka, app, webhook, event, retried ? 2 : 1, start, latency, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED));
    }
    return count;
  }

  private static ProducerRecord<String, byte[]> attempt(KafkaSettings kafka, String app, String webhook, EventId event, int n,
      Instant start, long latency, int status, AttemptResult result, DeliveryState state) {
    WebhookId w = WebhookId.of(webhook);
    AttemptLog log = new AttemptLog(DeliveryId.derive(event, w), w, AppId.of(app), WebhookEventType.VIEWER_JOINED, event, start,
        new Attempt(n, start, latency, status, null, result), state, null);
    return new ProducerRecord<>(kafka.topics().attempts(), null, start.plusMillis(latency).toEpochMilli(), webhook,
        DeliveryCodec.encode(log));
  }
}
