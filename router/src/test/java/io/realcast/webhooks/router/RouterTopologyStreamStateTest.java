package io.realcast.webhooks.router;

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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream state through the topology: counts, ticks, offline enrichment, and every odd case's outcome. */
class RouterTopologyStreamStateTest {
  private static final String APP = "app_a";
  private static final String S = "stream_1";
  private static final String T0 = "2024-12-09T10:00:00Z";

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    router = new RouterHarness(stateDir, Instant.parse("2024-12-09T10:00:00Z"));
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
  void shouldStopTickingAndForgetTheStreamWhenItGoesOffline() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 2);
    router.send(S, offline("evt_off", APP, S, "2024-12-09T10:20:34Z"));

    List<Delivery> out = router.drainDeliveries();
    JsonNode data = Json.readTree(out.get(out.size() - 1).body()).path("data");
    assertThat(data.path("duration").asLong()).isEqualTo(1234);
    assertThat(data.path("peak_viewers").asLong()).isEqualTo(2);
    assertThat(stateStore().get(S)).isNull();

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
  void shouldKeepTheCountAtZeroWhenViewersLeaveBelowZero() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 1);
    leave(S, 3);
    router.drainDeliveries();

    router.send(S, joined("evt_j_after", APP, S, "viewer_x", T0));

    assertThat(lastBody().path("data").path("viewer_count").asLong()).isEqualTo(1);
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.left", "reason", "viewers_below_zero"))
        .isEqualTo(2);
  }

  @Test
  void shouldIgnoreAViewerJoiningAStreamThatIsNotLive() {
    router.send(S, joined("evt_j", APP, S, "viewer_1", T0));

    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(stateStore().get(S)).isNull();
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.joined", "reason", "stream_not_live"))
        .isEqualTo(1);
  }

  @Test
  void shouldIgnoreASecondStreamLiveAndKeepTheFirstSessionsCounts() {
    router.send(S, live("evt_live", APP, S, T0));
    join(S, 4);
    router.drainDeliveries();

    router.send(S, live("evt_live_again", APP, S, "2024-12-09T10:10:00Z"));

    assertThat(router.drainDeliveries()).isEmpty();
    StreamState state = stateStore().get(S);
    assertThat(state.viewers()).isEqualTo(4);
    assertThat(state.liveEventId().value()).isEqualTo("evt_live");
    assertThat(router.counter("realcast.router.events.ignored", "type", "stream.live", "reason", "already_live"))
        .isEqualTo(1);
  }

  @Test
  void shouldIgnoreViewerEventsAndARepeatedOfflineAfterTheStreamEndedButPassStatelessEvents() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, offline("evt_off", APP, S, "2024-12-09T11:00:00Z"));
    router.drainDeliveries();

    router.send(S, joined("evt_j_late", APP, S, "viewer_1", "2024-12-09T11:00:01Z"));
    router.send(S, left("evt_l_late", APP, S, "viewer_1", "2024-12-09T11:00:02Z"));
    router.send(S, offline("evt_off_again", APP, S, "2024-12-09T11:00:03Z"));
    router.send(S, RawEvents.chat("evt_chat_late", APP, S, "2024-12-09T11:00:04Z"));

    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_chat_late");
    assertThat(stateStore().get(S)).isNull();
    assertThat(router.counter("realcast.router.events.ignored", "type", "stream.offline", "reason", "stream_not_live"))
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
  void shouldNotLetAnotherAppsEventsTouchALiveStream() {
    router.register(RouterHarness.allEvents("wh_intruder", "app_other"));
    router.send(S, live("evt_live", APP, S, T0));
    router.drainDeliveries();

    router.send(S, joined("evt_j_other", "app_other", S, "viewer_1", T0));
    router.send(S, offline("evt_off_other", "app_other", S, T0));

    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(stateStore().get(S).viewers()).isZero();
    assertThat(router.counter("realcast.router.events.ignored", "type", "viewer.joined", "reason", "app_mismatch"))
        .isEqualTo(1);
  }

  @Test
  void shouldKeepStateOnlyForLiveStreams() {
    for (int i = 0; i < 50; i++) {
      router.send("stream_" + i, live("evt_live" + i, APP, "stream_" + i, T0));
      router.send("stream_" + i, offline("evt_off" + i, APP, "stream_" + i, T0));
    }
    router.send("stream_live", live("evt_live_x", APP, "stream_live", T0));

    assertThat(stateStore().approximateNumEntries()).isEqualTo(1);
  }

  private KeyValueStore<String, StreamState> stateStore() {
    return router.driver.getKeyValueStore(RouterTopology.STREAM_STATE_STORE);
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

  private void join(String stream, int n) {
    for (int i = 0; i < n; i++) {
      router.send(stream, joined("evt_j" + seq++, APP, stream, "viewer_" + i, T0));
    }
  }

  private void leave(String stream, int n) {
    for (int i = 0; i < n; i++) {
      router.send(stream, left("evt_l" + seq++, APP, stream, "viewer_" + i, T0));
    }
  }
}
