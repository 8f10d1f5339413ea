package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes to a webhook are conditional and serialized: ETags on reads, 409 on a stale If-Match, a delete that no
 * racing update undoes, a rotation that no racing PATCH loses; and quotas that refuse with 429 and store nothing.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class WebhookWritesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Quotas QUOTAS = new Quotas(3, 2, 2, 1);

  private ApiHarness api;
  private String app;
  private String key;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    api = ApiHarness.start(ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-writes") + ".", RetrySchedule.DEFAULT)),
        TargetCheck.ALLOW_ALL, c -> c.withQuotas(new Quotas(1_000, 1_000, 1_000, 1_000)));
    ApiHarness.NewApp created = api.newApp("Writes");
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
    return "/v1/apps/" + app + "/webhooks/" + api.createWebhook(app, key, "http://127.0.0.1:9/hook", "stream.live").path("id").asText();
  }

  private Response call(String method, String path, String body, String ifMatch) {
    return api.client.call(method, path, key, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }

  @Test
  void shouldTagReadsWithTheVersionAndRefuseAStaleIfMatch() {
    String path = newWebhook();
    Response read = api.client.get(path, key);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(read.json().path("version").asInt()).isEqualTo(1);

    Response changed = call("PATCH", path, "{\"description\":\"one\"}", "\"1\"");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isEqualTo("\"2\"");

    Response stale = call("PATCH", path, "{\"description\":\"two\"}", "\"1\"");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.errorCode()).isEqualTo("version_conflict");
    assertThat(call("POST", path + "/secret/rotate", null, "\"1\"").status()).isEqualTo(409);
    assertThat(call("DELETE", path, null, "\"1\"").status()).isEqualTo(409);
    assertThat(call("PATCH", path, "{\"description\":\"weak\"}", "W/\"2\"").status()).as("If-Match compares strongly").isEqualTo(409);
    assertThat(call("PATCH", path, "{}", "two").errorField()).isEqualTo("If-Match");
    assertThat(api.client.get(path, key).json().path("description").asText()).isEqualTo("one");

    assertThat(call("PATCH", path, "{\"description\":\"any\"}", "*").status()).isEqualTo(200);
    assertThat(call("DELETE", path, null, "\"5\", \"3\"").status()).isEqualTo(204);
  }

  @Test
  void shouldNeverResurrectADeletedWebhookNorLoseARotationUnderConcurrentWrites() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      for (int round = 0; round < 10; round++) {
        String path = newWebhook();
        String id = path.substring(path.lastIndexOf('/') + 1);
        List<Future<Response>> rotations = new ArrayList<>();
        List<Future<Response>> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          int n = i;
          others.add(pool.submit(() -> api.client.call("PATCH", path, key, "{\"description\":\"p" + n + "\"}")));
          rotations.add(pool.submit(() -> api.client.post(path + "/secret/rotate", key, null)));
        }
        others.add(pool.submit(() -> api.client.call("DELETE", path, key, null)));
        for (int i = 0; i < 4; i++) {
          others.add(pool.submit(() -> api.client.call("PATCH", path, key, "{\"enabled\":false}")));
        }
        List<Response> all = new ArrayList<>();
        for (Future<Response> f : rotations) {
          all.add(f.get());
        }
        for (Future<Response> f : others) {
          all.add(f.get());
        }
        assertThat(all).extracting(Response::status).allMatch(s -> s == 200 || s == 204 || s == 404);
        assertThat(api.client.get(path, key).status()).as("deleted stays deleted").isEqualTo(404);
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().webhooks(),
            r -> r.stream().anyMatch(x -> id.equals(x.key()) && x.value() == null), WAIT);
        List<ConsumerRecord<String, byte[]>> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        assertThat(mine.get(mine.size() - 1).value()).as("the last record of the webhook is its tombstone").isNull();
        // Every rotation that answered 200 was the webhook's secret until the next write: versions never repeat.
        List<Long> versions = mine.stream().filter(r -> r.value() != null).map(r -> SubscriptionCodec.decode(r.value()).version()).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates();
        for (Response r : rotations.stream().map(ApiClientFutures::get).toList()) {
          if (r.status() == 200) {
            String secret = r.json().path("secret").asText();
            long version = Long.parseLong(r.header("ETag").replace("\"", ""));
            assertThat(mine.stream().filter(x -> x.value() != null).map(x -> SubscriptionCodec.decode(x.value()))
                .filter(s -> s.version() == version).map(s -> s.secret().value())).containsExactly(secret);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldDeduplicateEventNames() {
    JsonNode w = api.client.post("/v1/apps/" + app + "/webhooks", key,
        "{\"url\":\"http://127.0.0.1:9/d\",\"events\":[\"stream.live\",\"stream.live\",\"chat.message.new\",\"stream.live\"]}").json();
    assertThat(w.path("events").toString()).isEqualTo("[\"stream.live\",\"chat.message.new\"]");
  }

  @Test
  void shouldAnswerQuotaBreachesWith429AndStoreNothing(@BootstrapServers String bootstrap) throws Exception {
    try (ApiHarness limited = ApiHarness.start(ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-quota") + ".",
        RetrySchedule.DEFAULT)), TargetCheck.ALLOW_ALL, c -> c.withQuotas(QUOTAS))) {
      JsonNode created = limited.createApp("Quota");
      String quotaApp = created.path("id").asText();
      String quotaKey = created.path("api_key").asText();
      String webhooks = "/v1/apps/" + quotaApp + "/webhooks";
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < QUOTAS.webhooksPerApp(); i++) {
        ids.add(limited.createWebhook(quotaApp, quotaKey, "http://127.0.0.1:9/q" + i, "stream.live").path("id").asText());
      }
      int webhookRecords = TopicProbe.readUntil(limited.kafka, limited.topics().webhooks(), r -> r.size() >= ids.size(), WAIT).size();
      Response tooMany = limited.client.post(webhooks, quotaKey, "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"stream.live\"]}");
      assertThat(tooMany.status()).isEqualTo(429);
      assertThat(tooMany.errorCode()).isEqualTo("quota_exceeded");

      String test = webhooks + "/" + ids.get(0) + "/test";
      for (int i = 0; i < QUOTAS.testsPerMinute(); i++) {
        assertThat(limited.client.post(test, quotaKey, "{\"event\":\"stream.live\"}").status()).isEqualTo(202);
      }
      Response limitedTest = limited.client.post(test, quotaKey, "{\"event\":\"stream.live\"}");
      assertThat(limitedTest.status()).isEqualTo(429);
      assertThat(limitedTest.errorCode()).isEqualTo("rate_limited");
      assertThat(Long.parseLong(limitedTest.header("Retry-After"))).isBetween(1L, 60L);

      String replay = webhooks + "/" + ids.get(1) + "/replay";
      assertThat(limited.client.post(replay, quotaKey, "{\"since\":\"2020-01-01T00:00:00Z\",\"dry_run\":true}").status()).isEqualTo(200);
      Response limitedReplay = limited.client.post(replay, quotaKey, "{\"since\":\"2020-01-01T00:00:00Z\"}");
      assertThat(limitedReplay.status()).isEqualTo(429);
      assertThat(limited.client.post(webhooks + "/" + ids.get(1) + "/recover", quotaKey, "{\"since\":\"2020-01-01T00:00:00Z\"}").status())
          .as("recover shares the replay limit").isEqualTo(429);

      assertThat(TopicProbe.readUntil(limited.kafka, limited.topics().webhooks(), r -> false, Duration.ofSeconds(1)))
          .as("no webhook stored over the quota").hasSize(webhookRecords);
      assertThat(TopicProbe.readUntil(limited.kafka, limited.topics().deliveries(), r -> false, Duration.ofSeconds(1)))
          .as("only the allowed test events were queued").hasSize(QUOTAS.testsPerMinute());
      assertThat(limited.client.get("/metrics", null).body()).contains("realcast_api_quota_refusals_total{quota=\"test\"");
    }
  }

  /** Unwraps a finished future in a stream. */
  private static final class ApiClientFutures {
    static Response get(Future<Response> f) {
      try {
        return f.get();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}
