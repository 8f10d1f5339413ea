package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How long an api instance takes to start with a large history (not in the default suite: it writes a million
 * attempts). Run with {@code -Dhistory.startup=true [-Dhistory.startup.attempts=1000000]}; figures are printed and
 * written to {@code target/history-startup.properties}:
 *
 * <ol>
 *   <li>a first instance builds the history from the topics (cold, with an empty state directory);
 *   <li>it restarts on its own state directory (the case the design is for: a restart, a rolling upgrade);
 *   <li>a second instance with an empty directory takes over (it restores the stores from their changelogs).
 * </ol>
 * "Serving" is when {@code start()} returns (REST routes answer); "history ready" when searches answer.
 */
@ExtendWith(KafkaBrokerExtension.class)
@EnabledIfSystemProperty(named = "history.startup", matches = "true")
@Timeout(3_600)
class HistoryStartupIT {
  private static final int ATTEMPTS_PER_DELIVERY = 3;

  @Test
  void shouldStartOnItsOwnStateInTimeThatDoesNotGrowWithTheHistory(@BootstrapServers String bootstrap) throws Exception {
    int attempts = Integer.getInteger("history.startup.attempts", 1_000_000);
    int deliveries = attempts / ATTEMPTS_PER_DELIVERY;
    KafkaSettings kafka = ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-startup") + ".", RetrySchedule.DEFAULT));
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("attempts", attempts);
    figures.put("deliveries", deliveries);

    ApiConfig config = ApiHarness.config(kafka);
    String app;
    String key;
    List<String> webhooks = new ArrayList<>();
    try (ApiHarness setup = ApiHarness.start(kafka, TargetCheck.ALLOW_ALL, c -> config)) {
      JsonNode created = setup.createApp("Startup");
      app = created.path("id").asText();
      key = created.path("api_key").asText();
      for (int i = 0; i < 8; i++) {
        webhooks.add(setup.createWebhook(app, key, "http://127.0.0.1:9/s" + i, "stream.live").path("id").asText());
      }
    }
    long writeStart = System.nanoTime();
    long records = write(kafka, app, webhooks, deliveries);
    figures.put("records written", records);
    figures.put("write seconds", seconds(writeStart));

    Path coldDir = config.history().stateDir();
    figures.putAll(startAndCatchUp("cold build", config, app, key, webhooks, deliveries));
    figures.putAll(startAndCatchUp("restart on its state", config, app, key, webhooks, deliveries));
    ApiConfig fresh = config.withHistory(config.history().withStateDir(ApiHarness.stateDir("startup-fresh")));
    figures.putAll(startAndCatchUp("new instance restoring", fresh, app, key, webhooks, deliveries));
    figures.put("state directory bytes", size(coldDir));
    StringBuilder text = new StringBuilder();
    figures.forEach((k, v) -> text.append(k.replace(" ", "\\ ")).append('=').append(v).append('\n'));
    Files.writeString(Path.of("target", "history-startup.properties"), text, StandardCharsets.UTF_8);
    System.out.println("History start-up figures:\n" + text);
    assertThat(figures.get("restart on its state: caught up seconds")).isNotNull();
  }

  /** Starts an instance, times serving, history ready and every delivery counted; stops it. */
  private static Map<String, Object> startAndCatchUp(String phase, ApiConfig config, String app, String key, List<String> webhooks,
      int deliveries) throws Exception {
    Map<String, Object> f = new LinkedHashMap<>();
    long start = System.nanoTime();
    ApiService service = new ApiService(config, new SimpleMeterRegistry(), Clock.systemUTC(), TargetCheck.ALLOW_ALL).start();
    try (service; ApiClient client = new ApiClient(service.port())) {
      f.put(phase + ": serving seconds", seconds(start));
      service.awaitHistory(Duration.ofMinutes(30));
      f.put(phase + ": history ready seconds", seconds(start));
      Poll.until("every delivery in the history", Duration.ofMinutes(30), () -> received(client, app, key, webhooks),
          n -> n >= deliveries);
      f.put(phase + ": caught up seconds", seconds(start));
      long pageStart = System.nanoTime();
      JsonNode page = client.get("/v1/apps/" + app + "/deliveries?status=delivered&limit=100", key).json();
      f.put(phase + ": first app page milliseconds", (System.nanoTime() - pageStart) / 1_000_000);
      assertThat(page.path("deliveries")).hasSize(100);
    }
    return f;
  }

  private static long received(ApiClient client, String app, String key, List<String> webhooks) {
    long n = 0;
    for (String w : webhooks) {
      ApiClient.Response r = client.get("/v1/apps/" + app + "/webhooks/" + w + "/stats", key);
      if (r.status() != 200) {
        return -1;
      }
      n += r.json().path("received").asLong();
    }
    return n;
  }

  /** Each delivery and its three attempts (two failures, then delivered), stamped with the times they stand for. */
  private static long write(KafkaSettings kafka, String app, List<String> webhooks, int deliveries) throws Exception {
    Instant base = Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.MILLIS);
    Map<String, Object> props = kafka.producerProperties("startup-writer");
    props.put("batch.size", 256 * 1024);
    props.put("linger.ms", 20);
    long written = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < deliveries; i++) {
        String webhook = webhooks.get(i % webhooks.size());
        Instant at = base.plusMillis(i * 50L);
        Delivery d = Delivery.first(WebhookId.of(webhook), AppId.of(app), WebhookEventType.STREAM_LIVE, EventId.of("evt_s" + i), at, at,
            ("{\"event\":\"stream.live\",\"timestamp\":\"" + at + "\",\"data\":{\"stream_id\":\"stream_" + (i % 500)
                + "\",\"title\":\"Epic Gaming Session\",\"streamer_id\":\"user_1\",\"started_at\":\"" + at + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        pending.add(producer.send(new ProducerRecord<>(kafka.topics().deliveries(), null, at.toEpochMilli(), webhook,
            DeliveryCodec.encode(d))));
        for (int n = 1; n <= ATTEMPTS_PER_DELIVERY; n++) {
          boolean last = n == ATTEMPTS_PER_DELIVERY;
          Instant started = at.plusSeconds(n * 3L);
          Attempt a = new Attempt(n, started, 20 + i % 200, last ? 200 : 503, null, last ? AttemptResult.DELIVERED : AttemptResult.TEMPORARY);
          pending.add(producer.send(new ProducerRecord<>(kafka.topics().attempts(), null, started.plusMillis(a.latencyMillis())
              .toEpochMilli(), webhook, DeliveryCodec.encode(AttemptLog.of(d, a, last ? DeliveryState.DELIVERED : DeliveryState.RETRYING,
              last ? null : started.plusSeconds(3))))));
        }
        written += 1 + ATTEMPTS_PER_DELIVERY;
        if (pending.size() >= 20_000) {
          for (Future<?> f : pending) {
            f.get();
          }
          pending.clear();
        }
      }
      for (Future<?> f : pending) {
        f.get();
      }
    }
    return written;
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
  }

  private static long size(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
