package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.ResolvingTargetCheck;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.subscription.Subscription;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every route against a real broker: the happy paths, the writes landing in Kafka, validation over HTTP. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ApiRoutesIT {
  private static final String ADMIN = ApiHarness.ADMIN_KEY;
  private static final String PUBLIC_URL = "https://93.184.215.14/webhooks/realcast";

  private ApiHarness api;
  private ApiClient client;
  private String app;
  private String key;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    // Private targets refused, as in production; public targets are IP literals so no DNS is needed.
    api = ApiHarness.start(bootstrap, "api-routes", RetrySchedule.DEFAULT, ResolvingTargetCheck.publicOnly());
    client = api.client;
    ApiHarness.NewApp created = api.newApp("Routes");
    app = created.id();
    key = created.key();
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private String webhooks() {
    return "/v1/apps/" + app + "/webhooks";
  }

  @Test
  void shouldCreateAnAppWhoseKeySeesOnlyItself() {
    Response created = client.post("/v1/apps", ADMIN, "{\"name\":\"Streamer Tools\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    String appKey = created.json().path("api_key").asText();
    assertThat(id).startsWith("app_");
    assertThat(appKey).startsWith("rck_");

    assertThat(client.get("/v1/apps", ADMIN).json().path("apps").findValuesAsText("id")).contains(id, app);
    assertThat(client.get("/v1/apps", appKey).json().path("apps").findValuesAsText("id")).containsExactly(id);
    Response one = client.get("/v1/apps/" + id, appKey);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("name").asText()).isEqualTo("Streamer Tools");
    assertThat(one.body()).doesNotContain(appKey);
  }

  @Test
  void shouldAddReadChangeAndDeleteAWebhookEachWriteVisibleToTheNextRead() {
    Response created = client.post(webhooks(), key,
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\",\"viewer.joined\"],\"enabled\":true,\"description\":\"prod\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode w = created.json();
    String id = w.path("id").asText();
    assertThat(id).startsWith("wh_");
    assertThat(w.path("secret").asText()).startsWith("whsec_");
    assertThat(w.path("events").findValuesAsText("")).isEmpty();
    assertThat(w.path("events").toString()).isEqualTo("[\"stream.live\",\"viewer.joined\"]");

    Response listed = client.get(webhooks(), key);
    assertThat(listed.json().path("webhooks").findValuesAsText("id")).contains(id);
    assertThat(listed.body()).doesNotContain(w.path("secret").asText());

    Response patched = client.call("PATCH", webhooks() + "/" + id, key, "{\"enabled\":false,\"events\":[\"chat.message.new\"]}");
    assertThat(patched.status()).isEqualTo(200);
    Response read = client.get(webhooks() + "/" + id, key);
    assertThat(read.json().path("enabled").asBoolean()).isFalse();
    assertThat(read.json().path("events").toString()).isEqualTo("[\"chat.message.new\"]");
    assertThat(read.json().path("url").asText()).isEqualTo(PUBLIC_URL);

    assertThat(client.call("DELETE", webhooks() + "/" + id, key, null).status()).isEqualTo(204);
    assertThat(client.get(webhooks() + "/" + id, key).status()).isEqualTo(404);
    assertThat(client.get(webhooks(), key).json().path("webhooks").findValuesAsText("id")).doesNotContain(id);
  }

  @Test
  void shouldWriteSubscriptionsToTheCompactedTopicKeyedByWebhookId() {
    JsonNode w = api.createWebhook(app, key, PUBLIC_URL, "recording.ready");
    String id = w.path("id").asText();
    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().webhooks(),
        all -> all.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30));
    Subscription stored = records.stream().filter(r -> id.equals(r.key())).map(r -> SubscriptionCodec.decode(r.value()))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(stored.url()).isEqualTo(PUBLIC_URL);
    assertThat(stored.secret().value()).isEqualTo(w.path("secret").asText());
    assertThat(stored.events()).containsExactly(WebhookEventType.RECORDING_READY);

    client.call("DELETE", webhooks() + "/" + id, key, null);
    List<ConsumerRecord<String, byte[]>> after = TopicProbe.readUntil(api.kafka, api.topics().webhooks(),
        all -> all.stream().anyMatch(r -> id.equals(r.key()) && r.value() == null), Duration.ofSeconds(30));
    assertThat(after).anyMatch(r -> id.equals(r.key()) && r.value() == null);
  }

  @Test
  void shouldShowTheSecretAndRotateItKeepingThePreviousOneForTheOverlapWindow() {
    JsonNode w = api.createWebhook(app, key, PUBLIC_URL, "stream.live");
    String base = webhooks() + "/" + w.path("id").asText();
    String original = w.path("secret").asText();

    Response secret = client.get(base + "/secret", key);
    assertThat(secret.json().path("secret").asText()).isEqualTo(original);
    assertThat(secret.json().path("previous_secret").isNull()).isTrue();

    Instant before = Instant.now();
    Response rotated = client.post(base + "/secret/rotate", key, null);
    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.json().path("secret").asText();
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(original);
    assertThat(rotated.json().path("previous_secret").asText()).isEqualTo(original);
    Instant expires = Instant.parse(rotated.json().path("previous_secret_expires_at").asText());
    assertThat(expires).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1), Instant.now().plus(Duration.ofHours(24)));
    assertThat(client.get(base + "/secret", key).json().path("secret").asText()).isEqualTo(fresh);
  }

  @Test
  void shouldQueueATestEventForThatWebhookThroughRealcastDeliveries() {
    JsonNode w = api.createWebhook(app, key, PUBLIC_URL, "stream.live");
    String id = w.path("id").asText();
    Response queued = client.post(webhooks() + "/" + id + "/test", key, "{\"event\":\"chat.message.new\"}");
    assertThat(queued.status()).isEqualTo(202);
    String deliveryId = queued.json().path("delivery_id").asText();

    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().deliveries(),
        all -> all.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30));
    Delivery d = records.stream().filter(r -> id.equals(r.key())).map(r -> DeliveryCodec.decodeDelivery(r.value())).findFirst()
        .orElseThrow();
    assertThat(d.id().value()).isEqualTo(deliveryId);
    assertThat(d.event()).isEqualTo(WebhookEventType.CHAT_MESSAGE_NEW);
    assertThat(d.attempts()).isEmpty();
    assertThat(d.bodyText()).startsWith("{\"event\":\"chat.message.new\",\"timestamp\":\"")
        .contains("\"message\":\"Great stream!\"").isEqualTo(queued.json().path("body").asText());

    Response log = client.get(webhooks() + "/" + id + "/deliveries", key);
    assertThat(log.json().path("deliveries").get(0).path("id").asText()).isEqualTo(deliveryId);
    assertThat(log.json().path("deliveries").get(0).path("status").asText()).isEqualTo("pending");
  }

  @Test
  void shouldRefuseATestEventForADisabledWebhook() {
    JsonNode w = api.createWebhook(app, key, PUBLIC_URL, "stream.live");
    String base = webhooks() + "/" + w.path("id").asText();
    client.call("PATCH", base, key, "{\"enabled\":false}");
    Response r = client.post(base + "/test", key, "{\"event\":\"stream.live\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorCode()).isEqualTo("webhook_disabled");
  }

  @Test
  void shouldListEveryEventTypeWithItsExample() {
    Response r = client.get("/v1/event-types", key);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("event_types").findValuesAsText("name")).containsExactly(
        WebhookEventType.ALL.stream().map(WebhookEventType::wireName).toArray(String[]::new));
    JsonNode first = r.json().path("event_types").get(0);
    assertThat(first.path("example").path("event").asText()).isEqualTo("stream.live");
    assertThat(first.path("example").path("data").path("title").asText()).isEqualTo("Epic Gaming Session");
  }

  @Test
  void shouldServeHealthMetricsAndTheDashboardOnTheSamePort() {
    assertThat(client.get("/health", null).status()).isEqualTo(200);
    client.get("/v1/apps", key);
    Response metrics = client.get("/metrics", null);
    assertThat(metrics.body()).contains("realcast_api_requests_total").contains("route=\"/v1/apps\"")
        .contains("realcast_api_webhooks");
    Response page = client.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>RealCast Webhooks</title>");
    assertThat(client.get("/app.js", null).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} -> {1} on {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"url\":                                                          | malformed_json  | ",
      "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"],\"secret\":\"x\"} | unknown_field | secret",
      "{\"url\":\"" + PUBLIC_URL + "\"}                                   | missing_field   | events",
      "{\"events\":[\"stream.live\"]}                                     | missing_field   | url",
      "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[]}                     | empty_events    | events",
      "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"viewer.left\"]}      | unknown_event   | events",
      "{\"url\":\"mailto:ops@example.com\",\"events\":[\"stream.live\"]}  | invalid_url     | url",
      "{\"url\":\"webhooks/realcast\",\"events\":[\"stream.live\"]}       | invalid_url     | url",
      "{\"url\":\"https://user:pw@93.184.215.14/\",\"events\":[\"stream.live\"]} | url_credentials | url",
      "{\"url\":\"http://127.0.0.1:3000/webhooks\",\"events\":[\"stream.live\"]} | private_target | url",
      "{\"url\":\"http://10.1.2.3/webhooks\",\"events\":[\"stream.live\"]} | private_target | url",
      "{\"url\":\"http://169.254.169.254/latest\",\"events\":[\"stream.live\"]} | private_target | url",
      "{\"url\":\"http://[::1]/webhooks\",\"events\":[\"stream.live\"]}   | private_target  | url",
      "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"],\"enabled\":1} | invalid_type | enabled",
  })
  void shouldRefuseAnInvalidWebhookWithAJsonErrorNamingTheField(String body, String code, String field) {
    Response r = client.post(webhooks(), key, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.errorField()).isEqualTo(field);
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseOversizedFieldsAndBodies() {
    String longDescription = "d".repeat(501);
    Response field = client.post(webhooks(), key,
        "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"],\"description\":\"" + longDescription + "\"}");
    assertThat(field.status()).isEqualTo(400);
    assertThat(field.errorCode()).isEqualTo("too_long");
    assertThat(field.errorField()).isEqualTo("description");

    Response body = client.post(webhooks(), key, "{\"description\":\"" + "x".repeat(70 * 1024) + "\"}");
    assertThat(body.status()).isEqualTo(413);
    assertThat(body.errorCode()).isEqualTo("body_too_large");
  }

  @Test
  void shouldValidatePatchTestEventRecoverAndQueryParameters() {
    JsonNode w = api.createWebhook(app, key, PUBLIC_URL, "stream.live");
    String base = webhooks() + "/" + w.path("id").asText();
    Response patch = client.call("PATCH", base, key, "{\"url\":\"ftp://x\"}");
    assertThat(patch.errorCode()).isEqualTo("invalid_url");
    assertThat(client.call("PATCH", base, key, "{\"events\":[]}").errorCode()).isEqualTo("empty_events");
    assertThat(client.call("PATCH", base, key, "{\"colour\":\"red\"}").errorField()).isEqualTo("colour");

    assertThat(client.post(base + "/test", key, "{}").errorField()).isEqualTo("event");
    Response unknownEvent = client.post(base + "/test", key, "{\"event\":\"stream.exploded\"}");
    assertThat(unknownEvent.errorCode()).isEqualTo("unknown_event");
    assertThat(unknownEvent.errorField()).isEqualTo("event");
    assertThat(client.post(base + "/test", key, "not json").errorCode()).isEqualTo("malformed_json");

    assertThat(client.post(base + "/recover", key, "{}").errorCode()).isEqualTo("missing_field");
    Response badSince = client.post(base + "/recover", key, "{\"since\":\"yesterday\"}");
    assertThat(badSince.errorCode()).isEqualTo("invalid_field");
    assertThat(badSince.errorField()).isEqualTo("since");

    Response badStatus = client.get(base + "/deliveries?status=exploded", key);
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.errorField()).isEqualTo("status");
    assertThat(client.get(base + "/deliveries?limit=0", key).errorField()).isEqualTo("limit");
    assertThat(client.post(base + "/secret/rotate", key, "{\"overlap\":1}").errorCode()).isEqualTo("unknown_field");
    assertThat(client.post("/v1/apps", ADMIN, "{\"name\":\"" + "n".repeat(101) + "\"}").errorField()).isEqualTo("name");
  }

  @Test
  void shouldAnswerUnknownRoutesAndMethodsWithJsonErrors() {
    Response route = client.get("/v1/nothing-here", key);
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.errorCode()).isEqualTo("no_route");
    Response method = client.call("PUT", "/v1/apps", ADMIN, "{}");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.errorCode()).isEqualTo("method_not_allowed");
  }

  @Test
  void shouldProduceTheSampleBodyOfEachEventType() {
    // The test event's body is the guide's example: what /v1/event-types shows, with a fresh time.
    byte[] body = SampleEvents.sample(WebhookEventType.STREAM_LIVE, Clock.systemUTC()).body();
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"title\":\"Epic Gaming Session\"");
  }
}
