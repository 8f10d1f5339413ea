package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.APP;
import static io.realcast.webhooks.router.RawEvents.STREAM;
import static io.realcast.webhooks.router.RawEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw events in, the documented example bodies out (docs/examples/payloads): every event type, end to end. */
class RouterTopologySeedTest {
  private static final String WEBHOOK = "wh_seed";

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    // Wall clock starts so that the first two 30-second ticks fall at 10:05:00 and 10:05:30.
    // No per-app quota: this story sends thousands of events without the wall clock moving.
    router = new RouterHarness(stateDir, Instant.parse("2024-12-09T10:04:30Z"),
        c -> c.withEvents(c.events().withAppEventsPerSecond(0)));
    router.register(RouterHarness.allEvents(WEBHOOK, APP));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void shouldTurnAStreamsLifeIntoTheGuidesExactBodies() {
    router.send(STREAM, RawEvents.live("evt_live1", APP, STREAM, "2024-12-09T10:00:00Z"));
    assertMatchesSeed(single(), WebhookEventType.STREAM_LIVE, "evt_live1");

    router.send(STREAM, raw("evt_rec1", "recording.started", APP, "2024-12-09T10:00:00Z",
        "{\"recording_id\":\"rec_ghi789\",\"stream_id\":\"stream_abc123\"}"));
    assertMatchesSeed(single(), WebhookEventType.RECORDING_STARTED, "evt_rec1");

    joins(124, "2024-12-09T10:04:00Z");
    router.drainDeliveries();
    router.send(STREAM, RawEvents.joined("evt_join125", APP, STREAM, "viewer_def456", "2024-12-09T10:05:00Z"));
    assertMatchesSeed(single(), WebhookEventType.VIEWER_JOINED, "evt_join125");

    router.advance(Duration.ofSeconds(30)); // 10:05:00: 125 viewers, counted from 0
    Delivery first = single();
    assertThat(first.bodyText()).isEqualTo(
        "{\"event\":\"viewer.count.update\",\"timestamp\":\"2024-12-09T10:05:00Z\","
            + "\"data\":{\"stream_id\":\"stream_abc123\",\"viewer_count\":125,\"change\":125}}");
    joins(3, "2024-12-09T10:05:10Z");
    router.drainDeliveries();
    router.advance(Duration.ofSeconds(30)); // 10:05:30: 128 viewers, +3
    Delivery update = single();
    assertThat(update.bodyText()).isEqualTo(SeedExamples.compact(WebhookEventType.VIEWER_COUNT_UPDATE));
    assertThat(update.event()).isEqualTo(WebhookEventType.VIEWER_COUNT_UPDATE);
    assertThat(update.eventTime()).isEqualTo(Instant.parse("2024-12-09T10:05:30Z"));
    assertThat(update.id()).isEqualTo(DeliveryId.derive(update.eventId(), WebhookId.of(WEBHOOK)));

    router.send(STREAM, RawEvents.chat("evt_chat1", APP, STREAM, "2024-12-09T10:10:00Z"));
    assertMatchesSeed(single(), WebhookEventType.CHAT_MESSAGE_NEW, "evt_chat1");

    router.send(STREAM, raw("evt_err1", "stream.error", APP, "2024-12-09T10:30:00Z",
        "{\"stream_id\":\"stream_abc123\",\"error_code\":\"ENCODER_ERROR\",\"error_message\":\"Encoder disconnected unexpectedly\"}"));
    assertMatchesSeed(single(), WebhookEventType.STREAM_ERROR, "evt_err1");

    joins(1234 - 128, "2024-12-09T10:40:00Z"); // peak 1234
    leaves(1000, "2024-12-09T10:40:00Z", "2024-12-09T10:50:00Z");
    router.drainDeliveries();
    router.send(STREAM, RawEvents.offline("evt_off1", APP, STREAM, "2024-12-09T11:00:00Z"));
    assertMatchesSeed(single(), WebhookEventType.STREAM_OFFLINE, "evt_off1");

    // A recording is ready after the stream ended: it still goes out.
    router.send(STREAM, raw("evt_ready1", "recording.ready", APP, "2024-12-09T11:15:00Z",
        "{\"recording_id\":\"rec_ghi789\",\"stream_id\":\"stream_abc123\","
            + "\"cdn_url\":\"https://cdn.telegram.org/file/BAACAgIAAxkBAAI...\",\"duration\":3600,\"file_size\":524288000}"));
    assertMatchesSeed(single(), WebhookEventType.RECORDING_READY, "evt_ready1");

    assertThat(router.counter("realcast.router.deliveries.created", "event", "viewer.joined")).isEqualTo(1234);
    assertThat(router.counter("realcast.router.events.ingested", "type", "viewer.left")).isEqualTo(1000);
    assertThat(router.counter("realcast.router.viewer.count.updates")).isEqualTo(2);
  }

  private void assertMatchesSeed(Delivery d, WebhookEventType type, String eventId) {
    JsonNode expected = SeedExamples.tree(type);
    JsonNode actual = Json.readTree(d.body());
    // Field by field first, for a readable failure; then the whole body byte for byte, order included.
    Iterator<Map.Entry<String, JsonNode>> fields = expected.path("data").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      assertThat(actual.path("data").get(field.getKey())).as(type + " data." + field.getKey()).isEqualTo(field.getValue());
    }
    assertThat(actual.path("event")).isEqualTo(expected.path("event"));
    assertThat(actual.path("timestamp")).isEqualTo(expected.path("timestamp"));
    assertThat(d.bodyText()).isEqualTo(SeedExamples.compact(type));

    assertThat(d.event()).isEqualTo(type);
    assertThat(d.eventId()).isEqualTo(EventId.of(eventId));
    assertThat(d.webhookId()).isEqualTo(WebhookId.of(WEBHOOK));
    assertThat(d.appId()).isEqualTo(AppId.of(APP));
    assertThat(d.id()).isEqualTo(DeliveryId.derive(EventId.of(eventId), WebhookId.of(WEBHOOK)));
    assertThat(d.eventTime()).isEqualTo(Instant.parse(expected.path("timestamp").asText()));
    assertThat(d.createdAt()).isEqualTo(RouterHarness.CREATED_AT);
    assertThat(d.attempts()).isEmpty();
    assertThat(d.dueAt()).isNull();
  }

  private Delivery single() {
    List<Delivery> all = router.drainDeliveries();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** {@code n} distinct new viewers join at {@code at} (viewers are counted once, whatever their joins). */
  private void joins(int n, String at) {
    for (int i = 0; i < n; i++) {
      router.send(STREAM, RawEvents.joined("evt_j" + clock(at) + "_" + i, APP, STREAM, viewer(at, i), at));
    }
  }

  /** The first {@code n} viewers who joined at {@code joinedAt} leave at {@code at}. */
  private void leaves(int n, String joinedAt, String at) {
    for (int i = 0; i < n; i++) {
      router.send(STREAM, RawEvents.left("evt_l" + i, APP, STREAM, viewer(joinedAt, i), at));
    }
  }

  private static String viewer(String joinedAt, int i) {
    return "viewer_" + clock(joinedAt) + "_" + i;
  }

  private static String clock(String at) {
    return at.substring(11, 19).replace(":", "");
  }
}
