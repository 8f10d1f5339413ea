package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.topic.RetrySchedule;
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

/** App keys (rotation with an overlap, revocation) and apps (retention, deletion) against a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AppsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private ApiHarness api;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    api = ApiHarness.start(bootstrap, "api-apps", RetrySchedule.DEFAULT, TargetCheck.ALLOW_ALL);
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private int status(String path, String key) {
    return api.client.get(path, key).status();
  }

  @Test
  void shouldKeepTheOldKeyWorkingDuringTheOverlapAndOnlyThen() {
    JsonNode app = api.createApp("Rotating");
    String id = app.path("id").asText();
    String oldKey = app.path("api_key").asText();
    String path = "/v1/apps/" + id;

    Response rotated = api.client.post(path + "/keys/rotate", oldKey, "{\"previous_key_valid_seconds\":2}");
    assertThat(rotated.status()).isEqualTo(200);
    String newKey = rotated.json().path("api_key").asText();
    assertThat(newKey).startsWith("rck_").isNotEqualTo(oldKey);
    assertThat(rotated.json().path("previous_key_expires_at").isTextual()).isTrue();
    assertThat(status(path, newKey)).isEqualTo(200);
    assertThat(status(path, oldKey)).as("during the overlap").isEqualTo(200);
    Poll.until("the old key expires", WAIT, () -> status(path, oldKey), s -> s == 401);
    assertThat(status(path, newKey)).isEqualTo(200);
  }

  @Test
  void shouldRevokeALeakedKeyAtOnceAndByDefaultOverlapForADay() {
    JsonNode app = api.createApp("Leaked");
    String path = "/v1/apps/" + app.path("id").asText();
    String leaked = app.path("api_key").asText();
    Response revoked = api.client.post(path + "/keys/rotate", ApiHarness.ADMIN_KEY, "{\"previous_key_valid_seconds\":0}");
    assertThat(status(path, leaked)).isEqualTo(401);
    String current = revoked.json().path("api_key").asText();

    Instant before = Instant.now();
    Response rotated = api.client.post(path + "/keys/rotate", current, null);
    Instant expires = Instant.parse(rotated.json().path("previous_key_expires_at").asText());
    assertThat(expires).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1), Instant.now().plus(Duration.ofHours(24)));
    assertThat(status(path, current)).isEqualTo(200);
    assertThat(api.client.post(path + "/keys/rotate", current, "{\"previous_key_valid_seconds\":-1}").errorField())
        .isEqualTo("previous_key_valid_seconds");
  }

  @Test
  void shouldLetTheAdminRenameAnAppAndSetItsHistoryRetention() {
    JsonNode app = api.createApp("Named");
    String path = "/v1/apps/" + app.path("id").asText();
    Response changed = api.client.call("PATCH", path, ApiHarness.ADMIN_KEY, "{\"name\":\"Renamed\",\"history_retention_days\":30}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().path("name").asText()).isEqualTo("Renamed");
    assertThat(changed.json().path("history_retention_days").asInt()).isEqualTo(30);
    JsonNode back = api.client.call("PATCH", path, ApiHarness.ADMIN_KEY, "{\"history_retention_days\":null}").json();
    assertThat(back.path("history_retention_days").isNull()).isTrue();
    assertThat(back.path("name").asText()).isEqualTo("Renamed");
    assertThat(api.client.call("PATCH", path, ApiHarness.ADMIN_KEY, "{\"history_retention_days\":0}").errorField())
        .isEqualTo("history_retention_days");
    assertThat(api.client.call("PATCH", path, app.path("api_key").asText(), "{\"name\":\"x\"}").status()).isEqualTo(403);
  }

  @Test
  void shouldDeleteAnAppWithItsWebhooksAndKeepItsDeadLettersInKafka() {
    JsonNode app = api.createApp("Doomed");
    String id = app.path("id").asText();
    String key = app.path("api_key").asText();
    String webhook = api.createWebhook(id, key, "http://127.0.0.1:9/hook", "stream.live").path("id").asText();
    String other = api.createWebhook(id, key, "http://127.0.0.1:9/other", "stream.live").path("id").asText();
    String deliveryId = api.client.post("/v1/apps/" + id + "/webhooks/" + webhook + "/test", key, "{\"event\":\"stream.live\"}").json()
        .path("delivery_id").asText();
    Delivery d = TopicProbe.readUntil(api.kafka, api.topics().deliveries(), all -> all.stream().anyMatch(r -> webhook.equals(r.key())), WAIT)
        .stream().filter(r -> webhook.equals(r.key())).map(r -> DeliveryCodec.decodeDelivery(r.value())).findFirst().orElseThrow();
    TopicProbe.write(api.kafka, api.topics().dead(), webhook, DeliveryCodec.encode(new DeadLetter(d, DeadReason.RETRIES_EXHAUSTED, "", Instant.now())));

    assertThat(api.client.call("DELETE", "/v1/apps/" + id, key, null).status()).as("an app cannot delete itself").isEqualTo(403);
    assertThat(api.client.call("DELETE", "/v1/apps/" + id, ApiHarness.ADMIN_KEY, null).status()).isEqualTo(204);

    assertThat(status("/v1/apps/" + id, key)).isEqualTo(401);
    assertThat(status("/v1/apps/" + id, ApiHarness.ADMIN_KEY)).isEqualTo(404);
    List<ConsumerRecord<String, byte[]>> webhooks = TopicProbe.readUntil(api.kafka, api.topics().webhooks(),
        all -> tombstoned(all, webhook) && tombstoned(all, other), WAIT);
    assertThat(tombstoned(webhooks, webhook) && tombstoned(webhooks, other)).as("every webhook of the app deleted").isTrue();
    List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(api.kafka, api.topics().dead(),
        all -> all.stream().anyMatch(r -> webhook.equals(r.key())), WAIT);
    assertThat(dead).anyMatch(r -> DeliveryCodec.decodeDeadLetter(r.value()).delivery().id().value().equals(deliveryId));
    assertThat(api.client.call("DELETE", "/v1/apps/" + id, ApiHarness.ADMIN_KEY, null).status()).isEqualTo(404);
  }

  private static boolean tombstoned(List<ConsumerRecord<String, byte[]>> records, String key) {
    return records.stream().filter(r -> key.equals(r.key())).reduce((a, b) -> b).map(r -> r.value() == null).orElse(false);
  }
}
