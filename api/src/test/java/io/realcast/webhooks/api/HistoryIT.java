package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.auth.ApiKeys;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.topic.RecordLimits;
import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery history against a real broker: search, stats, lag, redelivery, recovery and replay,
 * with this test writing the deliverer's records (attempts and dead letters) to the real topics exactly as
 * DeliveryCodec encodes them.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class HistoryIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ApiHarness api;
  private String app;
  private String key;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    api = ApiHarness.start(bootstrap, "api-history", RetrySchedule.DEFAULT, TargetCheck.ALLOW_ALL);
    ApiHarness.NewApp created = api.newApp("History");
    app = created.id();
    key = created.key();
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
    return written(id, 1).get(0);
  }

  /** The records of delivery {@code id} on realcast.deliveries, once there are {@code count}. */
  private List<Delivery> written(String id, int count) {
    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().deliveries(),
        all -> all.stream().filter(r -> matches(r, id)).count() >= count, WAIT);
    return records.stream().filter(r -> matches(r, id)).map(r -> DeliveryCodec.decodeDelivery(r.value())).toList();
  }

  private static boolean matches(ConsumerRecord<String, byte[]> r, String deliveryId) {
    return DeliveryCodec.decodeDelivery(r.value()).id().value().equals(deliveryId);
  }

  private String base(String webhook) {
    return "/v1/apps/" + app + "/webhooks/" + webhook;
  }

  /** An attempt that ends now, as the deliverer writes it once the attempt is over. */
  private void attempt(Delivery d, int n, int status, AttemptResult result, DeliveryState state, long latency) {
    Attempt a = new Attempt(n, Instant.now().minusMillis(latency), latency, status, status == 0 ? "connection refused" : null, result);
    TopicProbe.write(api.kafka, api.topics().attempts(), d.webhookId().value(),
        DeliveryCodec.encode(AttemptLog.of(d, a, state, state == DeliveryState.RETRYING ? Instant.now().plusSeconds(5) : null)));
  }

  private void deadLetter(Delivery d, DeadReason reason) {
    TopicProbe.write(api.kafka, api.topics().dead(), d.webhookId().value(),
        DeliveryCodec.encode(new DeadLetter(d, reason, "", Instant.now())));
  }

  private JsonNode deliveries(String webhook, String query) {
    Response r = api.client.get(base(webhook) + "/deliveries" + query, key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("deliveries");
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
    assertThat(stats.path("failed").asLong()).isZero();
    assertThat(stats.path("failed_attempts").asLong()).isEqualTo(1);
    assertThat(stats.path("attempts").asLong()).isEqualTo(2);
    assertThat(stats.path("pending").asLong()).isEqualTo(1);
    assertThat(stats.path("latency_ms").path("p50").asLong()).isEqualTo(10);
    assertThat(stats.path("latency_ms").path("p99").asLong()).isEqualTo(30);
    assertThat(stats.path("last_success_at").isTextual()).isTrue();
    assertThat(stats.path("last_failure").asText()).isEqualTo("HTTP 500");
    assertThat(stats.path("lag").path("deliveries").asLong()).isEqualTo(1);
    assertThat(stats.path("lag").path("oldest_age_seconds").asLong()).isBetween(0L, 60L);
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
    Delivery again = written(d.id().value(), 2).get(1);
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
  void shouldRecoverEveryDeadLetterCreatedSinceATime() {
    String webhook = newWebhook();
    Delivery old = testEvent(webhook);
    deadLetter(old, DeadReason.RETRIES_EXHAUSTED);
    awaitStatus(webhook, old.id().value(), "dead");
    Instant since = Instant.now();
    Delivery one = testEvent(webhook);
    Delivery two = testEvent(webhook);
    deadLetter(one, DeadReason.RETRIES_EXHAUSTED);
    deadLetter(two, DeadReason.RETRIES_EXHAUSTED);
    awaitStatus(webhook, two.id().value(), "dead");
    awaitStatus(webhook, one.id().value(), "dead");

    Response r = api.client.post(base(webhook) + "/recover", key, "{\"since\":\"" + since + "\"}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("recovered").asInt()).isEqualTo(2);
    assertThat(r.json().path("delivery_ids").toString()).contains(one.id().value(), two.id().value()).doesNotContain(old.id().value());
    assertThat(deliveries(webhook, "?status=pending").findValuesAsText("id")).contains(one.id().value(), two.id().value());
    assertThat(deliveries(webhook, "?status=dead").findValuesAsText("id")).containsExactly(old.id().value());
  }

  @Test
  void shouldFindAndReplayADeadLetterOlderThanTheOldThousandPerWebhookCap() {
    String webhook = newWebhook();
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Delivery old = delivery(webhook, "old", start.minus(Duration.ofHours(2)));
    // Records stamped with the times they stand for, as the router and the deliverer write them.
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    records.add(record(api.topics().deliveries(), webhook, old.createdAt(), DeliveryCodec.encode(old)));
    Instant died = old.createdAt().plusSeconds(31);
    records.add(record(api.topics().dead(), webhook, died, DeliveryCodec.encode(new DeadLetter(old, DeadReason.RETRIES_EXHAUSTED, "HTTP 500",
        died))));
    for (int i = 0; i < 1_500; i++) {
      Delivery d = delivery(webhook, "new" + i, start.minus(Duration.ofMinutes(90)).plusMillis(i));
      Attempt a = new Attempt(1, d.createdAt().plusMillis(5), 12, 200, null, AttemptResult.DELIVERED);
      records.add(record(api.topics().deliveries(), webhook, d.createdAt(), DeliveryCodec.encode(d)));
      records.add(record(api.topics().attempts(), webhook, a.startedAt().plusMillis(12),
          DeliveryCodec.encode(AttemptLog.of(d, a, DeliveryState.DELIVERED, null))));
    }
    TopicProbe.writeAll(api.kafka, records);
    Poll.until("1,500 delivered", WAIT, () -> api.client.get(base(webhook) + "/stats", key).json(),
        s -> s.path("processed").asInt() == 1_500 && s.path("dead").asInt() == 1);

    JsonNode dead = deliveries(webhook, "?status=dead");
    assertThat(dead.findValuesAsText("id")).containsExactly(old.id().value());
    String request = "{\"since\":\"" + start.minus(Duration.ofHours(3)) + "\",\"status\":[\"dead\"]";
    JsonNode dry = api.client.post(base(webhook) + "/replay", key, request + ",\"dry_run\":true}").json();
    assertThat(dry.path("queued").asInt()).isEqualTo(1);
    Response real = api.client.post(base(webhook) + "/replay", key, request + "}");
    assertThat(real.status()).isEqualTo(202);
    assertThat(real.json().path("queued").asInt()).isEqualTo(1);
    assertThat(real.json().path("sample").findValuesAsText("id")).containsExactly(old.id().value());
    assertThat(written(old.id().value(), 2).get(1)).isEqualTo(old.restarted());
    List<ConsumerRecord<String, byte[]>> queued = TopicProbe.readUntil(api.kafka, api.topics().deliveries(),
        all -> all.stream().anyMatch(r -> matches(r, old.id().value()) && Requeue.replayId(r.headers()).isPresent()), WAIT);
    assertThat(queued.stream().filter(r -> matches(r, old.id().value())).map(r -> Requeue.replayId(r.headers())))
        .as("the replay marks what it queued").contains(Optional.of(real.json().path("replay_id").asText()));
  }

  private static ProducerRecord<String, byte[]> record(String topic, String key, Instant at, byte[] value) {
    return new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value);
  }

  @Test
  void shouldReplayDeliveredDeliveriesWithTheirOriginalIdsQueueingWhatTheDryRunCountedOnce() {
    String webhook = newWebhook();
    Instant since = Instant.now().minusSeconds(1);
    List<Delivery> delivered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Delivery d = testEvent(webhook);
      attempt(d, 1, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, 4);
      delivered.add(d);
    }
    Delivery dead = testEvent(webhook);
    deadLetter(dead, DeadReason.PERMANENT_FAILURE);
    testEvent(webhook);
    awaitStatus(webhook, dead.id().value(), "dead");
    Poll.until("5 delivered", WAIT, () -> deliveries(webhook, "?status=delivered"), list -> list.size() == 5);

    String request = "{\"since\":\"" + since + "\",\"status\":[\"delivered\"],\"event_types\":[\"stream.live\"]";
    JsonNode dry = api.client.post(base(webhook) + "/replay", key, request + ",\"dry_run\":true}").json();
    assertThat(dry.path("dry_run").asBoolean()).isTrue();
    assertThat(dry.path("matched").asInt()).isEqualTo(5);
    assertThat(dry.path("queued").asInt()).isEqualTo(5);
    assertThat(deliveries(webhook, "?status=delivered")).as("a dry run changes nothing").hasSize(5);

    Response real = api.client.post(base(webhook) + "/replay", key, request + "}");
    assertThat(real.status()).isEqualTo(202);
    assertThat(real.json().path("queued").asInt()).isEqualTo(dry.path("queued").asInt());
    String replayId = real.json().path("replay_id").asText();
    assertThat(replayId).isEqualTo(dry.path("replay_id").asText()).startsWith("rpl_");
    for (Delivery d : delivered) {
      Delivery again = written(d.id().value(), 2).get(1);
      assertThat(again.id()).isEqualTo(d.id());
      assertThat(again.body()).isEqualTo(d.body());
    }
    assertThat(deliveries(webhook, "?status=pending").findValuesAsText("id"))
        .containsAll(delivered.stream().map(d -> d.id().value()).toList());

    // The same request again queues nothing twice.
    JsonNode repeated = api.client.post(base(webhook) + "/replay", key, request + "}").json();
    assertThat(repeated.path("queued").asInt()).isZero();
    // Pending deliveries are not final, so a replay of "anything" does not select them either.
    JsonNode everything = api.client.post(base(webhook) + "/replay", key, "{\"since\":\"" + since + "\",\"dry_run\":true}").json();
    assertThat(everything.path("queued").asInt()).as("only the dead one is final now").isEqualTo(1);
  }

  @Test
  void shouldRefuseAReplayThatNamesUnfinishedStatusesOrAnEmptyWindow() {
    String webhook = newWebhook();
    Response pending = api.client.post(base(webhook) + "/replay", key, "{\"since\":\"2026-01-01T00:00:00Z\",\"status\":[\"pending\"]}");
    assertThat(pending.status()).isEqualTo(400);
    assertThat(pending.errorField()).isEqualTo("status");
    Response backwards = api.client.post(base(webhook) + "/replay", key,
        "{\"since\":\"2026-01-02T00:00:00Z\",\"until\":\"2026-01-01T00:00:00Z\"}");
    assertThat(backwards.errorField()).isEqualTo("until");
    assertThat(api.client.post(base(webhook) + "/replay", key, "{}").errorField()).isEqualTo("since");
  }

  @Test
  void shouldSearchAnAppsDeliveriesAcrossItsWebhooksByEventAndStream() {
    String a = newWebhook();
    String b = newWebhook();
    Delivery da = testEvent(a);
    Delivery db = testEvent(b);
    JsonNode all = api.client.get("/v1/apps/" + app + "/deliveries?limit=500", key).json().path("deliveries");
    assertThat(all.findValuesAsText("id")).contains(da.id().value(), db.id().value());
    JsonNode byEvent = api.client.get("/v1/apps/" + app + "/deliveries?event_id=" + db.eventId().value(), key).json();
    assertThat(byEvent.path("deliveries").findValuesAsText("id")).containsExactly(db.id().value());
    JsonNode byId = api.client.get(base(a) + "/deliveries?delivery_id=" + da.id().value(), key).json();
    assertThat(byId.path("deliveries").findValuesAsText("id")).containsExactly(da.id().value());
    assertThat(api.client.get(base(a) + "/deliveries?delivery_id=nope", key).errorField()).isEqualTo("delivery_id");
    assertThat(api.client.get(base(a) + "/deliveries?cursor=bogus", key).errorField()).isEqualTo("cursor");
    assertThat(api.client.get(base(a) + "/deliveries?colour=red", key).errorField()).isEqualTo("colour");
  }

  @Test
  void shouldChartAWebhooksAttemptsForTheLastHourAndDay() {
    String webhook = newWebhook();
    Delivery d = testEvent(webhook);
    attempt(d, 1, 503, AttemptResult.TEMPORARY, DeliveryState.RETRYING, 25);
    attempt(d, 2, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, 7);
    awaitStatus(webhook, d.id().value(), "delivered");
    JsonNode hour = api.client.get(base(webhook) + "/series?range=1h", key).json();
    assertThat(hour.path("step_seconds").asInt()).isEqualTo(60);
    assertThat(hour.path("points")).hasSize(60);
    long delivered = 0;
    long retrying = 0;
    for (JsonNode p : hour.path("points")) {
      delivered += p.path("delivered").asLong();
      retrying += p.path("retrying").asLong();
    }
    assertThat(delivered).isEqualTo(1);
    assertThat(retrying).isEqualTo(1);
    assertThat(api.client.get(base(webhook) + "/series?range=24h", key).json().path("points")).hasSize(96);
    assertThat(api.client.get(base(webhook) + "/series?range=7d", key).errorField()).isEqualTo("range");
  }

  @Test
  void shouldStoreOnlyTheHashOfAnAppKey() {
    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().apps(),
        all -> all.stream().anyMatch(r -> app.equals(r.key())), WAIT);
    String stored = records.stream().filter(r -> app.equals(r.key())).map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(stored).doesNotContain(key).contains(ApiKeys.hash(key));
  }

  @Test
  void shouldReportTheLagGaugesWithoutIdLabels() {
    String webhook = newWebhook();
    testEvent(webhook);
    String scrape = Poll.until("lag gauge", WAIT, () -> api.client.get("/metrics", null).body(),
        body -> body.lines().anyMatch(l -> l.startsWith("realcast_api_history_lag_deliveries{") && !l.endsWith(" 0.0")));
    assertThat(scrape).contains("realcast_api_history_lag_oldest_age_seconds{");
    assertThat(scrape.lines().filter(l -> l.startsWith("realcast_api_history")).toList()).noneMatch(l -> l.contains(webhook));
  }

  @Test
  void shouldCreateTheHistoryChangelogsWithTheRecordSizeContract() throws Exception {
    try (Admin admin = Admin.create(api.kafka.adminProperties("history-it-admin"))) {
      Set<String> changelogs = admin.listTopics().names().get().stream()
          .filter(t -> t.contains("history") && t.endsWith("-changelog")).collect(Collectors.toSet());
      assertThat(changelogs).isNotEmpty();
      for (String topic : changelogs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).as(topic)
            .isEqualTo(Integer.toString(RecordLimits.MAX_MESSAGE_BYTES));
      }
    }
  }

  private Delivery delivery(String webhook, String event, Instant createdAt) {
    return Delivery.first(WebhookId.of(webhook), AppId.of(app), WebhookEventType.STREAM_LIVE, EventId.of("evt_" + event + "_"
        + webhook), createdAt, createdAt, ("{\"event\":\"stream.live\",\"data\":{\"stream_id\":\"s\"}}").getBytes(StandardCharsets.UTF_8));
  }
}
