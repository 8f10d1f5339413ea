package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.chat;
import static io.realcast.webhooks.router.RawEvents.joined;
import static io.realcast.webhooks.router.RawEvents.left;
import static io.realcast.webhooks.router.RawEvents.live;
import static io.realcast.webhooks.router.RawEvents.offline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.router.state.StreamState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream state through the topology with TopologyTestDriver's wall clock: distinct viewers, counts and ticks,
 * offline enrichment, early events held for their stream.live, idle expiry, and every odd case's outcome.
 */
class RouterTopologyStreamStateTest {
  private static final String APP = "app_a";
  private static final String S = "stream_1";
  private static final String T0 = "2024-12-09T10:00:00Z";
  private static final Instant START = Instant.parse(T0);

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    router = new RouterHarness(stateDir, START);
    router.register(RouterHarness.allEvents("wh_1", APP));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void shouldReportViewerCountAndChangeEveryIntervalForEveryLiveStream() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send("stream_2", live("evt_live2", APP, "stream_2", T0));
    join(S, 5);
    router.drainDeliveries();

    router.advance(Duration.ofSeconds(30));
    assertThat(updates()).containsExactlyInAnyOrder("stream_1:5:5", "stream_2:0:0");

    join(S, 3);
    leave(S, 1);
    router.advance(Duration.ofSeconds(30));
    assertThat(updates()).containsExactlyInAnyOrder("stream_1:7:2", "stream_2:0:0");

    leave(S, 4);
    router.advance(Duration.ofSeconds(30));
    assertThat(updates()).containsExactlyInAnyOrder("stream_1:3:-4", "stream_2:0:0");

    router.advance(Duration.ofSeconds(30));
    assertThat(updates()).containsExactlyInAnyOrder("stream_1:3:0", "stream_2:0:0");
    assertThat(router.counter("realcast.router.viewer.count.updates")).isEqualTo(8);
  }

  @Test
  void shouldTickEachStreamFromItsOwnStreamLive() {
    router.send(S, live("evt_live", APP, S, T0));
    router.advance(Duration.ofSeconds(10));
    router.send("stream_2", live("evt_live2", APP, "stream_2", "2024-12-09T10:00:10Z"));
    router.drainDeliveries();

    Map<String, List<String>> ticks = new HashMap<>();
    for (int second = 10; second < 75; second += 5) {
      router.advance(Duration.ofSeconds(5));
      for (Delivery d : router.drainDeliveries()) {
        JsonNode body = Json.readTree(d.body());
        ticks.computeIfAbsent(body.path("data").path("stream_id").asText(), k -> new ArrayList<>())
            .add(body.path("timestamp").asText());
      }
    }

    assertThat(ticks.get(S)).containsExactly("2024-12-09T10:00:30Z", "2024-12-09T10:01:00Z");
    assertThat(ticks.get("stream_2")).containsExactly("2024-12-09T10:00:40Z", "2024-12-09T10:01:10Z");
  }

  @Test
  void shouldNotTickBeforeTheIntervalHasPassed() {
    router.send(S, live("evt_live", APP, S, T0));
    router.drainDeliveries();

    router.advance(Duration.ofSeconds(29));

    assertThat(router.drainDeliveries()).isEmpty();
  }

  @Test
  void shouldStampEachUpdateWithTheTimeItWasComputedAndADistinctDeterministicId() {
    router.send(S, live("evt_live", APP, S, T0));
    router.drainDeliveries();

    router.advance(Duration.ofSeconds(30));
    router.advance(Duration.ofSeconds(30));

    List<Delivery> ticks = router.drainDeliveries();
    assertThat(ticks).extracting(d -> Json.readTree(d.body()).path("timestamp").asText())
        .containsExactly("2024-12-09T10:00:30Z", "2024-12-09T10:01:00Z");
    assertThat(ticks).extracting(d -> d.eventId().value()).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).startsWith("evt_vcu_"));
  }

  @Test
  void shouldCountAViewerWhoJoinsAgainOnceButStillSendTheJoin() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, joined("evt_j1", APP, S, "viewer_a", T0));
    router.send(S, joined("evt_j2", APP, S, "viewer_b", T0));
    router.send(S, joined("evt_j3", APP, S, "viewer_a", T0)); // the player reconnected
    List<Delivery> joins = router.drainDeliveries().stream().filter(d -> d.event() == WebhookEventType.VIEWER_JOINED).toList();

    assertThat(joins).extracting(d -> Json.readTree(d.body()).path("data").path("viewer_count").asLong()).containsExactly(1L, 2L, 2L);
    router.advance(Duration.ofSeconds(30));
    assertThat(updates()).containsExactly("stream_1:2:2");
    router.send(S, left("evt_l1", APP, S, "viewer_a", T0));
    router.send(S, offline("evt_off", APP, S, "2024-12-09T10:10:00Z"));
    assertThat(lastBody().path("data").path("peak_viewers").asLong()).isEqualTo(2);
  }

  @Test
  void shouldStopTickingAndForgetTheStreamAndItsViewersWhenItGoesOffline() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 2);
    router.send(S, offline("evt_off", APP, S, "2024-12-09T10:20:34Z"));

    List<Delivery> out = router.drainDeliveries();
    JsonNode data = Json.readTree(out.get(out.size() - 1).body()).path("data");
    assertThat(data.path("duration").asLong()).isEqualTo(1234);
    assertThat(data.path("peak_viewers").asLong()).isEqualTo(2);
    assertThat(stateStore().get(S)).isNull();
    assertThat(entries(RouterTopology.STREAM_VIEWERS_STORE)).isZero();

    router.advance(Duration.ofSeconds(30));
    assertThat(router.drainDeliveries()).isEmpty();
  }

  @Test
  void shouldReportThePeakNotTheCurrentCountOnOffline() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 10);
    leave(S, 7);
    join(S, 2);
    router.send(S, offline("evt_off", APP, S, "2024-12-09T11:00:00Z"));

    JsonNode data = lastBody().path("data");
    assertThat(data.path("peak_viewers").asLong()).isEqualTo(10);
    assertThat(data.path("duration").asLong()).isEqualTo(3600);
  }

  @Test
  void shouldReportZeroDurationWhenTheStreamEndsBeforeItStarted() {
    router.send(S, live("evt_live", APP, S, "2024-12-09T10:00:00Z"));
    router.send(S, offline("evt_off", APP, S, "2024-12-09T09:59:00Z"));

    assertThat(lastBody().path("data").path("duration").asLong()).isZero();
  }

  @Test
  void shouldNotMoveTheCountWhenAViewerWhoIsNotPresentLeaves() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, joined("evt_j1", APP, S, "viewer_a", T0));
    router.send(S, left("evt_l1", APP, S, "viewer_a", T0));
    router.send(S, left("evt_l2", APP, S, "viewer_a", T0));
    router.send(S, left("evt_l3", APP, S, "viewer_never", T0));
    router.drainDeliveries();

    router.send(S, joined("evt_j_after", APP, S, "viewer_x", T0));

    assertThat(lastBody().path("data").path("viewer_count").asLong()).isEqualTo(1);
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.left", "reason", "viewer_not_present"))
        .isEqualTo(2);
    assertThat(router.drainInvalid()).as("viewer.left is never a webhook: counted, not copied").isEmpty();
  }

  @Test
  void shouldCountAViewerWhoJoinedTwoSecondsBeforeStreamLive() {
    router.send(S, joined("evt_j_early", APP, S, "viewer_1", T0));
    assertThat(router.drainDeliveries()).isEmpty();

    router.advance(Duration.ofSeconds(2));
    router.send(S, live("evt_live", APP, S, "2024-12-09T10:00:02Z"));

    List<Delivery> out = router.drainDeliveries();
    assertThat(out).extracting(Delivery::event).containsExactly(WebhookEventType.STREAM_LIVE, WebhookEventType.VIEWER_JOINED);
    assertThat(Json.readTree(out.get(1).body()).path("data").path("viewer_count").asLong()).isEqualTo(1);
    assertThat(stateStore().get(S).viewerCount()).isEqualTo(1);
    assertThat(entries(RouterTopology.HELD_EVENTS_STORE)).isZero();
    assertThat(router.counter("realcast.router.events.held", "type", "viewer.joined")).isEqualTo(1);
    router.advance(Duration.ofSeconds(30));
    assertThat(router.drainInvalid()).isEmpty();
  }

  @Test
  void shouldApplyEarlyEventsInTheOrderTheyCame() {
    router.send(S, joined("evt_j1", APP, S, "viewer_1", T0));
    router.send(S, left("evt_l1", APP, S, "viewer_1", T0));
    router.send(S, joined("evt_j2", APP, S, "viewer_2", T0));
    router.advance(Duration.ofSeconds(1));

    router.send(S, live("evt_live", APP, S, T0));

    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_live", "evt_j1", "evt_j2");
    assertThat(stateStore().get(S).viewerCount()).isEqualTo(1);
    assertThat(stateStore().get(S).peakViewers()).isEqualTo(1);
  }

  @Test
  void shouldCopyAViewerJoinedToInvalidWhenItsStreamDoesNotGoLiveWithinTheGracePeriod() {
    router.send(S, joined("evt_j", APP, S, "viewer_1", T0));
    router.send(S, left("evt_l", APP, S, "viewer_1", T0));

    router.advance(Duration.ofSeconds(9));
    assertThat(router.drainInvalid()).isEmpty();
    router.advance(Duration.ofSeconds(1));

    List<TestRecord<String, byte[]>> invalid = router.drainInvalid();
    assertThat(invalid).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(S);
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(joined("evt_j", APP, S, "viewer_1", T0));
      assertThat(RouterHarness.header(r, "realcast.invalid.reason")).isEqualTo("stream_not_live");
      assertThat(RouterHarness.header(r, "realcast.invalid.detail")).contains("evt_j", "did not go live");
      assertThat(RouterHarness.header(r, "realcast.invalid.original.offset")).isEqualTo("0");
    });
    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(stateStore().get(S)).isNull();
    assertThat(entries(RouterTopology.HELD_EVENTS_STORE)).isZero();
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.joined", "reason", "stream_not_live")).isEqualTo(1);
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.left", "reason", "stream_not_live")).isEqualTo(1);
  }

  @Test
  void shouldStillSendStreamOfflineOfAStreamNeverSeenLiveAfterTheGracePeriod() {
    router.send(S, offline("evt_off", APP, S, "2024-12-09T09:58:00Z"));
    assertThat(router.drainDeliveries()).isEmpty();

    router.advance(Duration.ofSeconds(10));

    JsonNode body = lastBody();
    assertThat(body.path("data").path("duration").asLong()).isZero();
    assertThat(body.path("data").path("peak_viewers").asLong()).isZero();
    assertThat(body.path("data").path("ended_at").asText()).isEqualTo("2024-12-09T09:58:00Z");
    assertThat(router.drainInvalid()).isEmpty();
  }

  @Test
  void shouldIgnoreASecondStreamLiveKeepTheFirstSessionAndCopyIt() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 4);
    router.drainDeliveries();

    router.send(S, live("evt_live_again", APP, S, "2024-12-09T10:10:00Z"));

    assertThat(router.drainDeliveries()).isEmpty();
    StreamState state = stateStore().get(S);
    assertThat(state.viewerCount()).isEqualTo(4);
    assertThat(state.liveEventId().value()).isEqualTo("evt_live");
    assertThat(router.drainInvalidReasons()).containsExactly("already_live");
    assertThat(router.counter("realcast.router.events.ignored", "type", "stream.live", "reason", "already_live"))
        .isEqualTo(1);
  }

  @Test
  void shouldDecideEventsAfterTheStreamEndedOnceTheGracePeriodIsOverButPassStatelessEvents() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, offline("evt_off", APP, S, "2024-12-09T11:00:00Z"));
    router.drainDeliveries();

    router.send(S, joined("evt_j_late", APP, S, "viewer_1", "2024-12-09T11:00:01Z"));
    router.send(S, left("evt_l_late", APP, S, "viewer_1", "2024-12-09T11:00:02Z"));
    router.send(S, offline("evt_off_again", APP, S, "2024-12-09T11:00:03Z"));
    router.send(S, chat("evt_chat_late", APP, S, "2024-12-09T11:00:04Z"));
    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_chat_late");

    router.advance(Duration.ofSeconds(10));

    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(router.drainInvalidReasons()).containsExactly("stream_not_live", "already_ended");
    assertThat(stateStore().get(S)).isNull();
    assertThat(router.counter("realcast.router.events.ignored", "type", "stream.offline", "reason", "already_ended"))
        .isEqualTo(1);
  }

  @Test
  void shouldStartANewSessionWhenAStreamGoesLiveAgainAfterEnding() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 9);
    router.send(S, offline("evt_off", APP, S, "2024-12-09T11:00:00Z"));
    router.send(S, live("evt_live2", APP, S, "2024-12-09T12:00:00Z"));
    join(S, 1);
    router.send(S, offline("evt_off2", APP, S, "2024-12-09T12:01:00Z"));

    JsonNode data = lastBody().path("data");
    assertThat(data.path("peak_viewers").asLong()).isEqualTo(1);
    assertThat(data.path("duration").asLong()).isEqualTo(60);
  }

  @Test
  void shouldNotLetAnotherAppsEventsTouchALiveStreamAndCopyThem() {
    router.register(RouterHarness.allEvents("wh_intruder", "app_other"));
    router.send(S, live("evt_live", APP, S, T0));
    router.drainDeliveries();

    router.send(S, joined("evt_j_other", "app_other", S, "viewer_1", T0));
    router.send(S, offline("evt_off_other", "app_other", S, T0));

    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(stateStore().get(S).viewerCount()).isZero();
    assertThat(router.drainInvalidReasons()).containsExactly("app_mismatch", "app_mismatch");
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.joined", "reason", "app_mismatch"))
        .isEqualTo(1);
  }

  @Test
  void shouldEndAStreamIdleForFifteenMinutesWithItsLastActivity() {
    router.send(S, live("evt_live", APP, S, T0));
    router.advance(Duration.ofMinutes(1));
    router.send(S, joined("evt_j1", APP, S, "viewer_1", "2024-12-09T10:01:00Z"));
    router.send(S, joined("evt_j2", APP, S, "viewer_2", "2024-12-09T10:01:00Z"));
    router.send(S, left("evt_l1", APP, S, "viewer_1", "2024-12-09T10:01:05Z"));
    router.drainDeliveries();

    for (int i = 0; i < 29; i++) { // until 10:15:30, within 15 minutes of the last event
      router.advance(Duration.ofSeconds(30));
    }
    assertThat(router.drainDeliveries()).allSatisfy(d -> assertThat(d.event()).isEqualTo(WebhookEventType.VIEWER_COUNT_UPDATE));
    router.advance(Duration.ofSeconds(30)); // 10:16:00, 15 minutes after the last event

    List<Delivery> out = router.drainDeliveries();
    assertThat(out).singleElement().satisfies(d -> {
      assertThat(d.event()).isEqualTo(WebhookEventType.STREAM_OFFLINE);
      assertThat(d.bodyText()).isEqualTo("{\"event\":\"stream.offline\",\"timestamp\":\"2024-12-09T10:01:05Z\",\"data\":"
          + "{\"stream_id\":\"stream_1\",\"duration\":65,\"peak_viewers\":2,\"ended_at\":\"2024-12-09T10:01:05Z\"}}");
    });
    assertThat(stateStore().get(S)).isNull();
    assertThat(entries(RouterTopology.STREAM_VIEWERS_STORE)).isZero();
    assertThat(router.counter("realcast.router.streams.expired")).isEqualTo(1);
    router.advance(Duration.ofMinutes(1));
    assertThat(router.drainDeliveries()).isEmpty();

    router.send(S, offline("evt_off_late", APP, S, "2024-12-09T10:30:00Z"));
    router.advance(Duration.ofSeconds(10));
    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(router.drainInvalidReasons()).containsExactly("stream_expired");
    assertThat(router.counter("realcast.router.events.ignored", "type", "stream.offline", "reason", "stream_expired")).isEqualTo(1);
  }

  @Test
  void shouldKeepAStreamWithAnyRecentEventAlive() {
    router.send(S, live("evt_live", APP, S, T0));
    for (int minute = 10; minute <= 40; minute += 10) {
      router.advance(Duration.ofMinutes(10));
      router.send(S, chat("evt_chat" + minute, APP, S, T0));
    }
    router.advance(Duration.ofMinutes(14));

    assertThat(stateStore().get(S)).isNotNull();
    assertThat(router.counter("realcast.router.streams.expired")).isZero();
  }

  @Test
  void shouldKeepStateOnlyForLiveStreams() {
    for (int i = 0; i < 50; i++) {
      router.send("stream_" + i, live("evt_live" + i, APP, "stream_" + i, T0));
      router.send("stream_" + i, joined("evt_j" + i, APP, "stream_" + i, "viewer_" + i, T0));
      router.send("stream_" + i, offline("evt_off" + i, APP, "stream_" + i, T0));
    }
    router.send("stream_live", live("evt_live_x", APP, "stream_live", T0));

    assertThat(entries(RouterTopology.STREAM_STATE_STORE)).isEqualTo(1);
    assertThat(entries(RouterTopology.STREAM_VIEWERS_STORE)).isZero();
    assertThat(router.gauge("realcast.router.streams.live")).isEqualTo(1);
  }

  private KeyValueStore<String, StreamState> stateStore() {
    return router.driver.getKeyValueStore(RouterTopology.STREAM_STATE_STORE);
  }

  private long entries(String store) {
    KeyValueStore<String, Object> kv = router.driver.getKeyValueStore(store);
    long n = 0;
    try (KeyValueIterator<String, Object> all = kv.all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }

  private JsonNode lastBody() {
    List<Delivery> out = router.drainDeliveries();
    assertThat(out).isNotEmpty();
    return Json.readTree(out.get(out.size() - 1).body());
  }

  /** viewer.count.update deliveries as "stream:viewer_count:change". */
  private List<String> updates() {
    return router.drainDeliveries().stream()
        .filter(d -> d.event() == WebhookEventType.VIEWER_COUNT_UPDATE)
        .map(d -> Json.readTree(d.body()).path("data"))
        .map(n -> n.path("stream_id").asText() + ":" + n.path("viewer_count").asLong() + ":" + n.path("change").asLong())
        .toList();
  }

  private int seq;
  private final Map<String, Deque<String>> present = new HashMap<>();

  /** {@code n} new viewers join. */
  private void join(String stream, int n) {
    for (int i = 0; i < n; i++) {
      String viewer = "viewer_" + seq;
      router.send(stream, joined("evt_j" + seq++, APP, stream, viewer, T0));
      present.computeIfAbsent(stream, s -> new ArrayDeque<>()).add(viewer);
    }
  }

  /** {@code n} present viewers leave, the earliest first. */
  private void leave(String stream, int n) {
    for (int i = 0; i < n; i++) {
      router.send(stream, left("evt_l" + seq++, APP, stream, present.get(stream).poll(), T0));
    }
  }
}
