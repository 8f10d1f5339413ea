package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story through the real services: create an app, add a webhook, publish raw events, see them
 * delivered and counted; the receiver fails, retries run out, the dead letter shows; the receiver is fixed,
 * the webhook recovered, and everything ends delivered.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class FullStoryIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PATH = "/webhooks/realcast";
  // Short delays keep the story quick; the schedule is data, the same code path as 1 s / 5 s / 25 s.
  private static final RetrySchedule FAST = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)));

  @Test
  void shouldDeliverRetryDeadLetterAndRecoverThroughTheApi(@BootstrapServers String bootstrap, @TempDir Path tmp) throws Exception {
    String prefix = TestTopics.unique("api-story");
    KafkaSettings kafka = ApiHarness.createTopics(bootstrap, new Topics(prefix + ".", FAST));
    ApiConfig apiConfig = ApiHarness.config(kafka).withAllowPrivateTargets(true);
    try (ScriptedReceiver receiver = ScriptedReceiver.start();
        ApiService apiService = ApiHarness.startService(apiConfig, TargetCheck.ALLOW_ALL);
        RouterService router = new RouterService(RouterConfig.defaults(kafka, tmp.resolve("router")).withApplicationId(prefix + "-router"),
            new SimpleMeterRegistry(), Clock.systemUTC());
        DelivererService deliverer = new DelivererService(DelivererConfig.defaults(kafka).withGroupId(prefix + "-deliverer")
            .withAllowPrivateTargets(true), new SimpleMeterRegistry(), Clock.systemUTC());
        ApiClient client = new ApiClient(apiService.port())) {
      router.start();
      deliverer.start();

      // Apps -> an app -> Webhooks -> Add Webhook -> copy the secret.
      JsonNode app = client.post("/v1/apps", ApiHarness.ADMIN_KEY, "{\"name\":\"Story\"}").json();
      String appId = app.path("id").asText();
      String key = app.path("api_key").asText();
      JsonNode webhook = client.post("/v1/apps/" + appId + "/webhooks", key,
          "{\"url\":\"" + receiver.url(PATH) + "\",\"events\":[\"stream.live\",\"chat.message.new\"],\"enabled\":true}").json();
      String base = "/v1/apps/" + appId + "/webhooks/" + webhook.path("id").asText();
      String secret = client.get(base + "/secret", key).json().path("secret").asText();

      // Raw events from a streaming service: delivered, signed, counted.
      Instant start = Instant.now();
      publish(kafka, "stream_story", raw("evt_story_live", "stream.live", appId, "{\"stream_id\":\"stream_story\","
          + "\"title\":\"Story time\",\"streamer_id\":\"user_1\",\"started_at\":\"" + now() + "\"}"));
      JsonNode delivered = awaitDeliveries(client, base, key, "?status=delivered", 1);
      assertThat(delivered.get(0).path("event").asText()).isEqualTo("stream.live");
      assertThat(delivered.get(0).path("last_status_code").asInt()).isEqualTo(200);
      assertThat(receiver.requests()).isNotEmpty().allMatch(r -> r.signedWith(secret));
      JsonNode stats = client.get(base + "/stats", key).json();
      assertThat(stats.path("received").asInt()).isEqualTo(1);
      assertThat(stats.path("processed").asInt()).isEqualTo(1);

      // The receiver breaks: 500 on every attempt, retries run out, the delivery is dead-lettered.
      receiver.byDefault(Reply.status(500));
      publish(kafka, "stream_story", raw("evt_story_chat", "chat.message.new", appId, "{\"stream_id\":\"stream_story\","
          + "\"message_id\":\"msg_1\",\"user_id\":\"user_2\",\"user_name\":\"Viewer\",\"message\":\"hello \\u2728\","
          + "\"created_at\":\"" + now() + "\"}"));
      JsonNode dead = Poll.until("a dead letter", WAIT, () -> client.get(base + "/deliveries?status=dead", key).json().path("deliveries"),
          list -> list.size() == 1 && list.get(0).path("dead_reason").isTextual());
      assertThat(dead.get(0).path("attempts")).hasSize(FAST.maxAttempts());
      assertThat(dead.get(0).path("attempts").findValuesAsText("result")).containsOnly("temporary");
      assertThat(dead.get(0).path("dead_reason").asText()).isEqualTo("retries_exhausted");
      stats = client.get(base + "/stats", key).json();
      assertThat(stats.path("dead").asInt()).isEqualTo(1);
      assertThat(stats.path("failed").asInt()).as("failed deliveries, not attempts").isEqualTo(1);
      assertThat(stats.path("failed_attempts").asInt()).isEqualTo(FAST.maxAttempts());
      assertThat(stats.path("last_failure").asText()).isEqualTo("HTTP 500");

      // Fixed: recover everything dead since the start; all delivered, with the same delivery id.
      receiver.byDefault(Reply.ok());
      JsonNode recovered = client.post(base + "/recover", key, "{\"since\":\"" + start + "\"}").json();
      assertThat(recovered.path("recovered").asInt()).isEqualTo(1);
      awaitDeliveries(client, base, key, "?status=delivered", 2);
      String chatDelivery = dead.get(0).path("id").asText();
      assertThat(receiver.verified(chatDelivery, secret)).isEqualTo(FAST.maxAttempts() + 1L);
      stats = client.get(base + "/stats", key).json();
      assertThat(stats.path("processed").asInt()).isEqualTo(2);
      assertThat(stats.path("dead").asInt()).isZero();
      assertThat(stats.path("retrying").asInt()).isZero();
    }
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String raw(String id, String type, String app, String data) {
    return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"app_id\":\"" + app + "\",\"occurred_at\":\"" + now()
        + "\",\"data\":" + data + "}";
  }

  private static void publish(KafkaSettings kafka, String stream, String json) {
    TopicProbe.write(kafka, kafka.topics().events(), stream, json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode awaitDeliveries(ApiClient client, String base, String key, String query, int count) {
    return Poll.until(count + " deliveries " + query, WAIT, () -> client.get(base + "/deliveries" + query, key).json().path("deliveries"),
        list -> list.size() >= count);
  }
}
