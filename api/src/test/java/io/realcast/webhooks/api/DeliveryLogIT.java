package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.auth.ApiKeys;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery log, stats, 410 handling, redelivery and recovery, with this test writing the deliverer's
 * records (attempts and dead letters) to the real topics exactly as DeliveryCodec encodes them.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DeliveryLogIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ApiHarness api;
  private String app;
  private String key;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    api = ApiHarness.start(bootstrap, "api-log", RetrySchedule.DEFAULT, TargetCheck.ALLOW_ALL);
    JsonNode created = api.createApp("Log");
    app = created.path("id").asText();
    key = created.path("api_key").asText();
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private String newWebhook() {
    return api.createWebhook(app, key, "http://127.0.0.1:9/hook", "stream.live").path("id").asText();
  }

  /** Queues a test event through the API and reads back the delivery it wrote. */
  private Delivery testEvent(String webhook) {
    String id = api.client.post(base(webhook) + "/test", key, "{\"event\":\"stream.live\"}").json().path("delivery_id").asText();
    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().deliveries(),
        all -> all.stream().anyMatch(r -> matches(r, id)), WAIT);
    return records.stream().filter(r -> matches(r, id)).map(r -> DeliveryCodec.decodeDelivery(r.value())).findFirst().orElseThrow();
  }

  private static boolean matches(ConsumerRecord<String, byte[]> r, String deliveryId) {
    return DeliveryCodec.decodeDelivery(r.value()).id().value().equals(deliveryId);
  }

  private String base(String webhook) {
    return "/v1/apps/" + app + "/webhooks/" + webhook;
  }

  private void attempt(Delivery d, int n, int status, AttemptResult result, DeliveryState state, long latency) {
    // Ended now: a later call is a later attempt, as with a real deliverer (the log orders by when attempts ended).
    Attempt a = new Attempt(n, Instant.now().minusMillis(latency), latency, status, status == 0 ? "connection refused" : null, result);
    TopicProbe.write(api.kafka, api.topics().attempts(), d.webhookId().value(),
        DeliveryCodec.encode(AttemptLog.of(d, a, state, state == DeliveryState.RETRYING ? Instant.now().plusSeconds(5) : null)));
  }

  private JsonNode deliveries(String webhook, String query) {
    return api.client.get(base(webhook) + "/deliveries" + query, key).json().path("deliveries");
  }

  private JsonNode awaitStatus(String webhook, String deliveryId, String status) {
    return Poll.until(deliveryId + " " + status, WAIT, () -> deliveries(webhook, ""), list -> {
      for (JsonNode d : list) {
        if (d.path("id").asText().equals(deliveryId) && d.path("status").asText().equals(status)) {
          return true;
        }
      }
      return false;
    });
  }

  @Test
  void shouldShowAttemptsRetriesAndDeliveryNewestFirstWithStats() {
    String webhook = newWebhook();
    Delivery first = testEvent(webhook);
    attempt(first, 1, 500, AttemptResult.TEMPORARY, DeliveryState.RETRYING, 30);
    awaitStatus(webhook, first.id().value(), "retrying");
    attempt(first, 2, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, 10);
    JsonNode list = awaitStatus(webhook, first.id().value(), "delivered");
    JsonNode d = list.get(0);
    assertThat(d.path("attempts").findValuesAsText("result")).containsExactly("temporary", "delivered");
    assertThat(d.path("last_status_code").asInt()).isEqualTo(200);
    assertThat(d.path("attempts").get(0).path("status_code").asInt()).isEqualTo(500);

    Delivery second = testEvent(webhook);
    assertThat(deliveries(webhook, "").get(0).path("id").asText()).isEqualTo(second.id().value());
    assertThat(deliveries(webhook, "?status=delivered").findValuesAsText("id")).containsExactly(first.id().value());
    assertThat(deliveries(webhook, "?status=pending").findValuesAsText("id")).containsExactly(second.id().value());

    JsonNode stats = api.client.get(base(webhook) + "/stats", key).json();
    assertThat(stats.path("received").asLong()).isEqualTo(2);
    assertThat(stats.path("processed").asLong()).isEqualTo(1);
    assertThat(stats.path("failed").asLong()).isEqualTo(1);
    assertThat(stats.path("pending").asLong()).isEqualTo(1);
    assertThat(stats.path("latency_ms").path("p50").asLong()).isEqualTo(10);
    assertThat(stats.path("latency_ms").path("p99").asLong()).isEqualTo(30);
    assertThat(stats.path("last_success_at").isTextual()).isTrue();
    assertThat(stats.path("last_failure").asText()).isEqualTo("HTTP 500");
  }

  @Test
  void shouldListDeadLettersAndRedeliverOneWithTheSameIdAndBody() {
    String webhook = newWebhook();
    Delivery d = testEvent(webhook);
    Attempt a = new Attempt(1, Instant.now(), 5, 404, null, AttemptResult.PERMANENT);
    TopicProbe.write(api.kafka, api.topics().attempts(), webhook, DeliveryCodec.encode(AttemptLog.of(d, a, DeliveryState.DEAD, null)));
    TopicProbe.write(api.kafka, api.topics().dead(), webhook,
        DeliveryCodec.encode(new DeadLetter(d.after(a, null), DeadReason.PERMANENT_FAILURE, "HTTP 404", Instant.now())));
    awaitStatus(webhook, d.id().value(), "dead");
    JsonNode dead = deliveries(webhook, "?status=failed").get(0);
    assertThat(dead.path("dead_reason").asText()).isEqualTo("permanent_failure");

    Response r = api.client.post("/v1/apps/" + app + "/deliveries/" + d.id().value() + "/redeliver", key, null);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("status").asText()).isEqualTo("pending");

    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().deliveries(),
        all -> all.stream().filter(x -> matches(x, d.id().value())).count() >= 2, WAIT);
    Delivery again = records.stream().filter(x -> matches(x, d.id().value())).map(x -> DeliveryCodec.decodeDelivery(x.value()))
        .reduce((x, y) -> y).orElseThrow();
    assertThat(again).isEqualTo(d.restarted());
    assertThat(again.bodyText()).isEqualTo(d.bodyText());
  }

  @Test
  void shouldRedeliverADeliveredOneFromItsOriginalRecord() {
    String webhook = newWebhook();
    Delivery d = testEvent(webhook);
    attempt(d, 1, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, 3);
    awaitStatus(webhook, d.id().value(), "delivered");
    assertThat(api.client.post("/v1/apps/" + app + "/deliveries/" + d.id().value() + "/redeliver", key, null).status()).isEqualTo(202);
    assertThat(deliveries(webhook, "").get(0).path("status").asText()).isEqualTo("pending");
  }

  @Test
  void shouldNotRedeliverToADeletedWebhook() {
    String webhook = newWebhook();
    Delivery d = testEvent(webhook);
    assertThat(api.client.call("DELETE", base(webhook), key, null).status()).isEqualTo(204);
    Response r = api.client.post("/v1/apps/" + app + "/deliveries/" + d.id().value() + "/redeliver", key, null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
  }

  @Test
  void shouldRecoverEveryDeadLetterSinceATime() {
    String webhook = newWebhook();
    Delivery old = testEvent(webhook);
    TopicProbe.write(api.kafka, api.topics().dead(), webhook, DeliveryCodec.encode(new DeadLetter(old, DeadReason.RETRIES_EXHAUSTED, "", Instant.now())));
    awaitStatus(webhook, old.id().value(), "dead");
    Instant since = Instant.now();
    Delivery one = testEvent(webhook);
    Delivery two = testEvent(webhook);
    for (Delivery d : List.of(one, two)) {
      TopicProbe.write(api.kafka, api.topics().dead(), webhook, DeliveryCodec.encode(new DeadLetter(d, DeadReason.RETRIES_EXHAUSTED, "", Instant.now())));
    }
    awaitStatus(webhook, two.id().value(), "dead");
    Instant before = since;

    Response r = api.client.post(base(webhook) + "/recover", key, "{\"since\":\"" + before + "\"}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("recovered").asInt()).isEqualTo(2);
    assertThat(r.json().path("delivery_ids").findValuesAsText("")).isEmpty();
    assertThat(r.json().path("delivery_ids").toString()).contains(one.id().value(), two.id().value()).doesNotContain(old.id().value());
    assertThat(deliveries(webhook, "?status=pending").findValuesAsText("id")).contains(one.id().value(), two.id().value());
    assertThat(deliveries(webhook, "?status=dead").findValuesAsText("id")).containsExactly(old.id().value());
  }

  @Test
  void shouldDisableTheWebhookOnceWhenItsEndpointAnswers410() {
    String webhook = newWebhook();
    Delivery d = testEvent(webhook);
    attempt(d, 1, 410, AttemptResult.GONE, DeliveryState.DEAD, 4);
    JsonNode disabled = Poll.until("webhook disabled", WAIT, () -> api.client.get(base(webhook), key).json(),
        w -> !w.path("enabled").asBoolean());
    assertThat(disabled.path("disabled_reason").asText()).startsWith("gone");

    // A second GONE attempt (another delivery in flight) writes nothing more.
    attempt(d, 2, 410, AttemptResult.GONE, DeliveryState.DEAD, 4);
    Delivery marker = testEventAfterEnable(webhook);
    List<ConsumerRecord<String, byte[]>> writes = TopicProbe.readUntil(api.kafka, api.topics().webhooks(),
        all -> all.stream().anyMatch(r -> webhook.equals(r.key()) && r.value() != null
            && SubscriptionCodec.decode(r.value()).enabled() && SubscriptionCodec.decode(r.value()).disabledReason() == null
            && !SubscriptionCodec.decode(r.value()).updatedAt().equals(SubscriptionCodec.decode(r.value()).createdAt())), WAIT);
    long disables = writes.stream().filter(r -> webhook.equals(r.key()) && r.value() != null)
        .filter(r -> !SubscriptionCodec.decode(r.value()).enabled()).count();
    assertThat(disables).isEqualTo(1);
    assertThat(marker).isNotNull();

    // Enabled again by the user: old GONE attempts replayed from the log do not disable it again.
    assertThat(api.client.get(base(webhook), key).json().path("enabled").asBoolean()).isTrue();
    assertThat(api.client.get(base(webhook), key).json().path("disabled_reason").isNull()).isTrue();
  }

  @Test
  void shouldRebuildAppsWebhooksKeysAndTheDeliveryLogFromKafkaOnANewInstance() throws Exception {
    String webhook = newWebhook();
    Delivery d = testEvent(webhook);
    attempt(d, 1, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, 7);
    awaitStatus(webhook, d.id().value(), "delivered");

    ApiConfig config = new ApiConfig(api.kafka, "127.0.0.1", 0, ApiHarness.ADMIN_KEY, true, Duration.ofHours(24), Duration.ofDays(7),
        1000, Duration.ofSeconds(30));
    try (ApiService second = new ApiService(config, new SimpleMeterRegistry(),
            Clock.systemUTC(), TargetCheck.ALLOW_ALL).start();
        ApiClient other = new ApiClient(second.port())) {
      // The app key works on the new instance (its hash came from realcast.apps), the webhook and its log are there.
      assertThat(other.get(base(webhook), key).status()).isEqualTo(200);
      JsonNode list = other.get(base(webhook) + "/deliveries", key).json().path("deliveries");
      assertThat(list.findValuesAsText("id")).contains(d.id().value());
      assertThat(other.get(base(webhook) + "/stats", key).json().path("processed").asInt()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void shouldStoreOnlyTheHashOfAnAppKey() {
    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().apps(),
        all -> all.stream().anyMatch(r -> app.equals(r.key())), WAIT);
    String stored = records.stream().filter(r -> app.equals(r.key())).map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(stored).doesNotContain(key).contains(ApiKeys.hash(key));
  }

  /** Re-enables the webhook (clearing the reason) and queues a test event, so later writes are ordered after it. */
  private Delivery testEventAfterEnable(String webhook) {
    assertThat(api.client.call("PATCH", base(webhook), key, "{\"enabled\":true}").status()).isEqualTo(200);
    return testEvent(webhook);
  }
}
