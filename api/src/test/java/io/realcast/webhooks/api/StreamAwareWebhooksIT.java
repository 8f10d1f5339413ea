package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.ResolvingTargetCheck;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.subscription.WebhookHealth;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an app developer sees of stream-aware delivery through the API: a webhook's delivery options (ordering, rate
 * limit, requests in flight, extra headers) on create, read and change; the app's operational webhook from setting its
 * URL to removing it; and a webhook the platform disabled, shown with why, and enabled again.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class StreamAwareWebhooksIT {
  private static final String ADMIN = ApiHarness.ADMIN_KEY;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PUBLIC_URL = "https://93.184.215.14/webhooks/realcast";
  private static final String OPS_URL = "https://93.184.215.14/webhooks/realcast-ops";
  private static final int WEBHOOKS_PER_APP = 3;

  private ApiHarness api;
  private ApiClient client;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    // Private targets refused, as in production; public targets are IP literals so no DNS is needed.
    api = ApiHarness.start(ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-stream") + ".", RetrySchedule.DEFAULT)),
        ResolvingTargetCheck.publicOnly(), c -> c.withQuotas(new Quotas(WEBHOOKS_PER_APP, 1_000, 1_000, 1_000)));
    client = api.client;
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** A new app: {id, api_key}. */
  private JsonNode app(String name) {
    return api.createApp(name);
  }

  private static String webhooks(JsonNode app) {
    return "/v1/apps/" + app.path("id").asText() + "/webhooks";
  }

  private Response patch(String path, String key, String body) {
    return client.call("PATCH", path, key, body);
  }

  /** The latest record of {@code webhook} in realcast.webhooks (null: a tombstone), once {@code until} holds for it. */
  private byte[] stored(String webhook, Predicate<byte[]> until) {
    List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(api.kafka, api.topics().webhooks(),
        all -> all.stream().filter(r -> webhook.equals(r.key())).reduce((a, b) -> b).map(r -> until.test(r.value())).orElse(false),
        WAIT);
    return records.stream().filter(r -> webhook.equals(r.key())).reduce((a, b) -> b).orElseThrow().value();
  }

  @Test
  void shouldCreateReadAndChangeDeliveryOptionsKeepingWhatAPatchDoesNotName() {
    JsonNode app = app("Options");
    String key = app.path("api_key").asText();
    Response created = client.post(webhooks(app), key, "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"viewer.count.update\"],"
        + "\"ordering\":\"stream\",\"rate_limit_per_second\":20,\"max_in_flight\":2,"
        + "\"headers\":{\"X-Tenant\":\"t1\",\"Authorization\":\"Bearer abc\"}}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode w = created.json();
    assertThat(w.path("ordering").asText()).isEqualTo("stream");
    assertThat(w.path("rate_limit_per_second").asInt()).isEqualTo(20);
    assertThat(w.path("max_in_flight").asInt()).isEqualTo(2);
    assertThat(w.path("headers").toString()).isEqualTo("{\"X-Tenant\":\"t1\",\"Authorization\":\"Bearer abc\"}");
    String id = w.path("id").asText();
    String path = webhooks(app) + "/" + id;

    // What the deliverer reads: the options in the record, in the order given.
    Subscription record = SubscriptionCodec.decode(stored(id, v -> v != null));
    assertThat(record.options()).isEqualTo(new DeliveryOptions(DeliveryOptions.Ordering.STREAM, OptionalInt.of(20),
        OptionalInt.of(2), Map.of("X-Tenant", "t1", "Authorization", "Bearer abc")));
    assertThat(record.options().headers().keySet()).containsExactly("X-Tenant", "Authorization");

    Response changed = patch(path, key, "{\"rate_limit_per_second\":null,\"headers\":{\"X-Tenant\":\"t2\"}}");
    assertThat(changed.status()).isEqualTo(200);
    JsonNode read = client.get(path, key).json();
    assertThat(read.path("rate_limit_per_second").isNull()).as("null: no limit").isTrue();
    assertThat(read.path("headers").toString()).isEqualTo("{\"X-Tenant\":\"t2\"}");
    assertThat(read.path("ordering").asText()).as("not named, not changed").isEqualTo("stream");
    assertThat(read.path("max_in_flight").asInt()).isEqualTo(2);
    assertThat(read.path("version").asInt()).isEqualTo(2);

    patch(path, key, "{\"ordering\":\"none\",\"max_in_flight\":null,\"headers\":null}");
    JsonNode reset = client.get(path, key).json();
    assertThat(reset.path("ordering").asText()).isEqualTo("none");
    assertThat(reset.path("max_in_flight").isNull()).isTrue();
    assertThat(reset.path("headers").size()).isZero();
    assertThat(SubscriptionCodec.decode(stored(id, v -> v != null && SubscriptionCodec.decode(v).version() == 3)).options())
        .isEqualTo(DeliveryOptions.DEFAULTS);
  }

  @Test
  void shouldShowTheDefaultsOfAWebhookCreatedWithoutOptions() {
    JsonNode app = app("Defaults");
    JsonNode w = api.createWebhook(app.path("id").asText(), app.path("api_key").asText(), PUBLIC_URL, "stream.live");
    assertThat(w.path("ordering").asText()).isEqualTo("none");
    assertThat(w.path("rate_limit_per_second").isNull()).isTrue();
    assertThat(w.path("max_in_flight").isNull()).isTrue();
    assertThat(w.path("headers").isObject()).isTrue();
    assertThat(w.path("headers").size()).isZero();
    assertThat(w.path("operational").asBoolean(true)).isFalse();
    assertThat(w.path("failing").isNull()).isTrue();
  }

  @Test
  void shouldLoadAndChangeARecordWrittenBeforeDeliveryOptionsAndVersions() {
    JsonNode app = app("Old records");
    String appId = app.path("id").asText();
    String key = app.path("api_key").asText();
    String id = WebhookId.random(Clock.systemUTC()).value();
    String old = "{\"id\":\"" + id + "\",\"app_id\":\"" + appId + "\",\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"],"
        + "\"enabled\":true,\"description\":\"from an older api\",\"secret\":\"" + WebhookSecret.generate(new SecureRandom()).value()
        + "\",\"created_at\":\"2024-12-09T10:00:00Z\",\"updated_at\":\"2024-12-09T10:00:00Z\"}";
    TopicProbe.write(api.kafka, api.topics().webhooks(), id, old.getBytes(StandardCharsets.UTF_8));
    String path = webhooks(app) + "/" + id;

    JsonNode read = Poll.until("the old record in the api's view", WAIT, () -> client.get(path, key), r -> r.status() == 200).json();
    assertThat(read.path("description").asText()).isEqualTo("from an older api");
    assertThat(read.path("version").asInt()).isZero();
    assertThat(read.path("ordering").asText()).isEqualTo("none");
    assertThat(read.path("headers").size()).isZero();

    Response changed = client.call("PATCH", path, key, "{\"ordering\":\"stream\"}", Map.of("If-Match", "\"0\""));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().path("ordering").asText()).isEqualTo("stream");
    assertThat(changed.json().path("version").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} -> {1} on {2}")
  @CsvSource(delimiter = '|', value = {
      "\"ordering\":\"fifo\"                          | invalid_field  | ordering",
      "\"rate_limit_per_second\":0                    | invalid_field  | rate_limit_per_second",
      "\"max_in_flight\":5000                         | invalid_field  | max_in_flight",
      "\"headers\":[]                                 | invalid_type   | headers",
      "\"headers\":{\"X-RealCast-Signature\":\"x\"}   | invalid_header | headers",
      "\"headers\":{\"webhook-id\":\"x\"}             | invalid_header | headers",
      "\"headers\":{\"Bad Name\":\"x\"}               | invalid_header | headers",
      "\"order\":\"stream\"                           | unknown_field  | order",
  })
  void shouldRefuseBadOptionsOnCreateAndChangeNamingTheFieldAndStoringNothing(String option, String code, String field) {
    JsonNode app = app("Bad options");
    String key = app.path("api_key").asText();
    Response create = client.post(webhooks(app), key, "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"]," + option + "}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.errorCode()).isEqualTo(code);
    assertThat(create.errorField()).isEqualTo(field);
    assertThat(client.get(webhooks(app), key).json().path("webhooks").size()).as("nothing created").isZero();

    String path = webhooks(app) + "/" + api.createWebhook(app.path("id").asText(), key, PUBLIC_URL, "stream.live").path("id").asText();
    Response change = patch(path, key, "{\"description\":\"changed\"," + option + "}");
    assertThat(change.status()).isEqualTo(400);
    assertThat(change.errorField()).isEqualTo(field);
    JsonNode unchanged = client.get(path, key).json();
    assertThat(unchanged.path("version").asInt()).isEqualTo(1);
    assertThat(unchanged.path("description").asText()).isEmpty();
  }

  @Test
  void shouldMaterializeTheOperationalWebhookFromTheAppSettingAndRemoveItWithIt() {
    JsonNode app = app("Operational");
    String appId = app.path("id").asText();
    String key = app.path("api_key").asText();
    String appPath = "/v1/apps/" + appId;
    assertThat(client.get(appPath, key).json().path("operational_webhook_url").isNull()).isTrue();

    // Set: one subscription to webhook.disabled, reachable from the app, with a secret to verify signatures.
    Response set = patch(appPath, key, "{\"operational_webhook_url\":\"" + OPS_URL + "\"}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().path("operational_webhook_url").asText()).isEqualTo(OPS_URL);
    String opsId = set.json().path("operational_webhook_id").asText();
    assertThat(opsId).startsWith("wh_ops_");
    assertThat(client.get(appPath, key).json().path("operational_webhook_id").asText()).isEqualTo(opsId);
    String opsPath = webhooks(app) + "/" + opsId;
    JsonNode ops = client.get(opsPath, key).json();
    assertThat(ops.path("events").toString()).isEqualTo("[\"webhook.disabled\"]");
    assertThat(ops.path("operational").asBoolean()).isTrue();
    assertThat(ops.path("enabled").asBoolean()).isTrue();
    assertThat(ops.path("version").asInt()).isEqualTo(1);
    String secret = client.get(opsPath + "/secret", key).json().path("secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(client.get(webhooks(app), key).json().path("webhooks").findValuesAsText("id")).containsExactly(opsId);
    Subscription record = SubscriptionCodec.decode(stored(opsId, v -> v != null));
    assertThat(record.events()).containsExactly(WebhookEventType.WEBHOOK_DISABLED);
    assertThat(record.secret().value()).isEqualTo(secret);

    // The same URL again writes nothing; another URL is the next version of the same subscription, same secret.
    assertThat(patch(appPath, key, "{\"operational_webhook_url\":\"" + OPS_URL + "\"}").json().path("operational_webhook_id").asText())
        .isEqualTo(opsId);
    assertThat(client.get(opsPath, key).json().path("version").asInt()).isEqualTo(1);
    String moved = OPS_URL + "/v2";
    patch(appPath, key, "{\"operational_webhook_url\":\"" + moved + "\"}");
    JsonNode movedOps = client.get(opsPath, key).json();
    assertThat(movedOps.path("url").asText()).isEqualTo(moved);
    assertThat(movedOps.path("version").asInt()).isEqualTo(2);
    assertThat(client.get(opsPath + "/secret", key).json().path("secret").asText()).isEqualTo(secret);

    // Its events are the setting's; its URL may change through the webhook too, and the app shows it.
    Response events = patch(opsPath, key, "{\"events\":[\"stream.live\"]}");
    assertThat(events.status()).isEqualTo(400);
    assertThat(events.errorField()).isEqualTo("events");
    assertThat(patch(opsPath, key, "{\"url\":\"" + OPS_URL + "\",\"headers\":{\"X-Ops\":\"1\"}}").status()).isEqualTo(200);
    assertThat(client.get(appPath, key).json().path("operational_webhook_url").asText()).isEqualTo(OPS_URL);

    // Removed: the subscription is deleted (a tombstone the deliverer and router see).
    Response removed = patch(appPath, key, "{\"operational_webhook_url\":null}");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().path("operational_webhook_url").isNull()).isTrue();
    assertThat(removed.json().path("operational_webhook_id").isNull()).isTrue();
    assertThat(client.get(opsPath, key).status()).isEqualTo(404);
    assertThat(stored(opsId, v -> v == null)).isNull();
    assertThat(patch(appPath, key, "{\"operational_webhook_url\":null}").status()).as("removing twice is fine").isEqualTo(200);
  }

  @Test
  void shouldLetAnAppsKeySetOnlyItsOwnOperationalWebhook() {
    JsonNode app = app("Own key");
    JsonNode other = app("Other key");
    String appPath = "/v1/apps/" + app.path("id").asText();
    String key = app.path("api_key").asText();

    Response rename = patch(appPath, key, "{\"name\":\"mine now\",\"operational_webhook_url\":\"" + OPS_URL + "\"}");
    assertThat(rename.status()).isEqualTo(403);
    assertThat(rename.errorCode()).isEqualTo("forbidden");
    assertThat(rename.errorField()).isEqualTo("name");
    assertThat(client.get(appPath, key).json().path("operational_webhook_url").isNull()).as("nothing written").isTrue();
    assertThat(patch(appPath, key, "{\"history_retention_days\":30}").errorField()).isEqualTo("history_retention_days");

    Response foreign = patch(appPath, other.path("api_key").asText(), "{\"operational_webhook_url\":\"" + OPS_URL + "\"}");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(patch(appPath, ADMIN, "{\"name\":\"renamed\",\"operational_webhook_url\":\"" + OPS_URL + "\"}").status()).isEqualTo(200);
    JsonNode read = client.get(appPath, key).json();
    assertThat(read.path("name").asText()).isEqualTo("renamed");
    assertThat(read.path("operational_webhook_url").asText()).isEqualTo(OPS_URL);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "\"ftp://93.184.215.14/ops\"         | invalid_url",
      "\"/webhooks/ops\"                   | invalid_url",
      "\"https://u:p@93.184.215.14/ops\"   | url_credentials",
      "\"http://10.0.0.7/ops\"             | private_target",
      "\"http://169.254.169.254/latest\"   | private_target",
      "42                                  | invalid_type",
  })
  void shouldRefuseAnOperationalUrlAWebhookCouldNotHave(String url, String code) {
    JsonNode app = app("Bad ops");
    Response r = patch("/v1/apps/" + app.path("id").asText(), app.path("api_key").asText(), "{\"operational_webhook_url\":" + url + "}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.errorField()).isEqualTo("operational_webhook_url");
    assertThat(r.json().path("error").path("message").asText()).startsWith("operational_webhook_url");
    assertThat(client.get(webhooks(app), app.path("api_key").asText()).json().path("webhooks").size()).isZero();
  }

  @Test
  void shouldNotCountTheOperationalWebhookAgainstTheWebhookQuota() {
    JsonNode app = app("Quota");
    String appId = app.path("id").asText();
    String key = app.path("api_key").asText();
    patch("/v1/apps/" + appId, key, "{\"operational_webhook_url\":\"" + OPS_URL + "\"}");
    for (int i = 0; i < WEBHOOKS_PER_APP; i++) {
      api.createWebhook(appId, key, PUBLIC_URL, "stream.live");
    }
    Response over = client.post(webhooks(app), key, "{\"url\":\"" + PUBLIC_URL + "\",\"events\":[\"stream.live\"]}");
    assertThat(over.status()).isEqualTo(429);
    assertThat(client.get(webhooks(app), key).json().path("webhooks").size()).isEqualTo(WEBHOOKS_PER_APP + 1);
  }

  @Test
  void shouldDeleteTheOperationalWebhookWithItsApp() {
    JsonNode app = app("Deleted");
    String appPath = "/v1/apps/" + app.path("id").asText();
    String opsId = patch(appPath, ADMIN, "{\"operational_webhook_url\":\"" + OPS_URL + "\"}").json().path("operational_webhook_id").asText();
    assertThat(client.call("DELETE", appPath, ADMIN, null).status()).isEqualTo(204);
    assertThat(stored(opsId, v -> v == null)).isNull();
  }

  @Test
  void shouldListWebhookDisabledAsTheOperationalEventType() {
    JsonNode types = client.get("/v1/event-types", ADMIN).json().path("event_types");
    for (JsonNode t : types) {
      boolean operational = t.path("name").asText().equals("webhook.disabled");
      assertThat(t.path("operational").asBoolean(!operational)).as(t.path("name").asText()).isEqualTo(operational);
    }
    JsonNode disabled = StreamSupport.stream(types.spliterator(), false)
        .filter(t -> t.path("name").asText().equals("webhook.disabled")).findFirst().orElseThrow();
    assertThat(disabled.path("example").path("data").path("reason").asText()).isIn("gone", "failing");
  }

  @Test
  void shouldShowHowAWebhookFailsAndWhyThePlatformDisabledItUntilItIsEnabledAgain() {
    JsonNode app = app("Failing");
    String key = app.path("api_key").asText();
    JsonNode w = api.createWebhook(app.path("id").asText(), key, PUBLIC_URL, "stream.live");
    String id = w.path("id").asText();
    String path = webhooks(app) + "/" + id;
    Instant since = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

    // The deliverer's record of its failures, counted against the webhook as it is (version 1): shown.
    WebhookHealth health = new WebhookHealth(WebhookId.of(id), 1, since, 4, since.plusSeconds(600), "http_503");
    TopicProbe.write(api.kafka, api.topics().webhookHealth(), id, health.encode());
    JsonNode failing = Poll.until("the failing record", WAIT, () -> client.get(path, key).json(), j -> !j.path("failing").isNull())
        .path("failing");
    assertThat(failing.path("since").asText()).isEqualTo(since.toString());
    assertThat(failing.path("dead_letters").asInt()).isEqualTo(4);
    assertThat(failing.path("last_failure").asText()).isEqualTo("http_503");
    assertThat(client.get(webhooks(app), key).json().path("webhooks").get(0).path("failing").path("dead_letters").asInt()).isEqualTo(4);

    // A change to the webhook starts the count afresh: the old record is no longer shown.
    patch(path, key, "{\"description\":\"new version\"}");
    assertThat(client.get(path, key).json().path("failing").isNull()).isTrue();

    // The platform disables it (the deliverer writes the record itself, through the version rule).
    Subscription current = SubscriptionCodec.decode(stored(id, v -> v != null && SubscriptionCodec.decode(v).version() == 2));
    Instant disabledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String reason = "failing: every attempt failed for 24 h with 12 dead letters; last: http_503";
    TopicProbe.write(api.kafka, api.topics().webhooks(), id, SubscriptionCodec.encode(current.disabled(reason, disabledAt)));
    JsonNode disabled = Poll.until("the disabled record", WAIT, () -> client.get(path, key).json(), j -> !j.path("enabled").asBoolean());
    assertThat(disabled.path("disabled_reason").asText()).isEqualTo(reason);
    assertThat(disabled.path("updated_at").asText()).isEqualTo(disabledAt.toString());
    assertThat(disabled.path("version").asInt()).isEqualTo(3);

    // Enabled again through the version shown: the reason goes, the version moves on.
    assertThat(client.call("PATCH", path, key, "{\"enabled\":true}", Map.of("If-Match", "\"2\"")).status()).isEqualTo(409);
    Response enabled = client.call("PATCH", path, key, "{\"enabled\":true}", Map.of("If-Match", "\"3\""));
    assertThat(enabled.status()).isEqualTo(200);
    assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
    assertThat(enabled.json().path("disabled_reason").isNull()).isTrue();
    assertThat(enabled.json().path("version").asInt()).isEqualTo(4);
  }
}
