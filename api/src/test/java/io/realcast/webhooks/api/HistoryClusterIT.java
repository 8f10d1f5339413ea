package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The history shared by several api instances: each runs some partitions and asks the others for the rest, so every
 * instance answers the same pages; paging walks a large history with no gap or repeat; a restarted instance resumes
 * from its local state with its lifetime counters intact.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(300)
class HistoryClusterIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int DELIVERIES = 10_000;

  @Test
  void shouldAnswerTheSamePagesFromTwoInstancesAndWalkTenThousandDeliveriesWithoutGapOrRepeat(@BootstrapServers String bootstrap)
      throws Exception {
    KafkaSettings kafka = ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-cluster") + ".", RetrySchedule.DEFAULT));
    try (ApiHarness first = ApiHarness.start(kafka, TargetCheck.ALLOW_ALL, c -> c)) {
      JsonNode created = first.createApp("Cluster");
      String app = created.path("id").asText();
      String key = created.path("api_key").asText();
      List<String> webhooks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        webhooks.add(first.createWebhook(app, key, "http://127.0.0.1:9/h" + i, "stream.live").path("id").asText());
      }
      Set<String> expected = writeHistory(kafka, app, webhooks);
      Poll.until(DELIVERIES + " deliveries in the history", WAIT, () -> received(first.client, app, key, webhooks),
          n -> n == DELIVERIES);

      try (ApiService secondService = ApiHarness.startService(ApiHarness.config(kafka), TargetCheck.ALLOW_ALL);
          ApiClient second = new ApiClient(secondService.port())) {
        // Both instances now share the partitions; wait until the first has settled too.
        first.service.awaitHistory(WAIT);
        List<String> fromFirst = walk(first.client, "/v1/apps/" + app + "/deliveries", key, 500);
        List<String> fromSecond = walk(second, "/v1/apps/" + app + "/deliveries", key, 500);
        assertThat(fromFirst).hasSize(DELIVERIES);
        assertThat(new HashSet<>(fromFirst)).as("no repeat").hasSize(DELIVERIES).isEqualTo(expected);
        assertThat(fromSecond).as("the same pages from the other instance").isEqualTo(fromFirst);

        String base = "/v1/apps/" + app + "/webhooks/" + webhooks.get(0);
        List<String> oneWebhook = walk(second, base + "/deliveries", key, 333);
        assertThat(oneWebhook).hasSize(DELIVERIES / 4);
        assertThat(first.client.get(base + "/stats", key).json()).isEqualTo(second.get(base + "/stats", key).json());
        assertThat(first.client.get(base + "/series", key).json().path("points"))
            .isEqualTo(second.get(base + "/series", key).json().path("points"));
        JsonNode filtered = second.get("/v1/apps/" + app + "/deliveries?status=dead&limit=500", key).json();
        assertThat(filtered.path("deliveries")).hasSize(DELIVERIES / 100);
      }
    }
  }

  @Test
  void shouldResumeFromItsStateAfterARestartWithItsLifetimeCountersIntact(@BootstrapServers String bootstrap) throws Exception {
    KafkaSettings kafka = ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-restart") + ".", RetrySchedule.DEFAULT));
    ApiConfig config = ApiHarness.config(kafka);
    String app;
    String key;
    String base;
    JsonNode before;
    try (ApiHarness api = ApiHarness.start(kafka, TargetCheck.ALLOW_ALL, c -> config)) {
      ApiHarness.NewApp created = api.newApp("Restart");
      app = created.id();
      key = created.key();
      String webhook = api.createWebhook(app, key, "http://127.0.0.1:9/h", "stream.live").path("id").asText();
      base = "/v1/apps/" + app + "/webhooks/" + webhook;
      Response test = api.client.post(base + "/test", key, "{\"event\":\"stream.live\"}");
      assertThat(test.status()).isEqualTo(202);
      before = Poll.until("stats", WAIT, () -> api.client.get(base + "/stats", key).json(), s -> s.path("received").asInt() == 1);
    }
    long start = System.nanoTime();
    try (ApiHarness again = ApiHarness.start(kafka, TargetCheck.ALLOW_ALL, c -> config)) {
      Duration ready = Duration.ofNanos(System.nanoTime() - start);
      JsonNode after = again.client.get(base + "/stats", key).json();
      // Everything but the lag's age, which grows while the delivery waits.
      ((ObjectNode) after).remove("lag");
      ((ObjectNode) before).remove("lag");
      assertThat(after).isEqualTo(before);
      assertThat(again.client.get(base + "/deliveries", key).json().path("deliveries")).hasSize(1);
      assertThat(ready).as("a restart on its own state, the old member having left the group").isLessThan(Duration.ofSeconds(30));
    }
  }

  /** 10,000 deliveries over the webhooks: 1% dead, the rest delivered, records stamped with the times they stand for. */
  private static Set<String> writeHistory(KafkaSettings kafka, String app, List<String> webhooks) {
    Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < DELIVERIES; i++) {
      String webhook = webhooks.get(i % webhooks.size());
      // Several deliveries share each millisecond: the order must still be total.
      Instant at = start.plusMillis(i / 7);
      Delivery d = Delivery.first(WebhookId.of(webhook), AppId.of(app), WebhookEventType.STREAM_LIVE, EventId.of("evt_c" + i), at, at,
          "{\"event\":\"stream.live\",\"data\":{\"stream_id\":\"s\"}}".getBytes(StandardCharsets.UTF_8));
      ids.add(d.id().value());
      boolean dead = i % 100 == 0;
      Attempt a = new Attempt(1, at.plusMillis(3), 9, dead ? 404 : 200, null, dead ? AttemptResult.PERMANENT : AttemptResult.DELIVERED);
      records.add(new ProducerRecord<>(kafka.topics().deliveries(), null, at.toEpochMilli(), webhook, DeliveryCodec.encode(d)));
      records.add(new ProducerRecord<>(kafka.topics().attempts(), null, at.plusMillis(12).toEpochMilli(), webhook,
          DeliveryCodec.encode(AttemptLog.of(d, a, dead ? DeliveryState.DEAD : DeliveryState.DELIVERED, null))));
    }
    TopicProbe.writeAll(kafka, records);
    return ids;
  }

  private static int received(ApiClient client, String app, String key, List<String> webhooks) {
    int n = 0;
    for (String w : webhooks) {
      n += client.get("/v1/apps/" + app + "/webhooks/" + w + "/stats", key).json().path("received").asInt();
    }
    return n;
  }

  /** Every delivery id of a list, following next_cursor to the end. */
  private static List<String> walk(ApiClient client, String path, String key, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Response r = client.get(path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().path("deliveries").forEach(d -> ids.add(d.path("id").asText()));
      cursor = r.json().path("next_cursor").isNull() ? null : r.json().path("next_cursor").asText();
    } while (cursor != null);
    return ids;
  }
}
