package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.chat;
import static io.realcast.webhooks.router.RawEvents.joined;
import static io.realcast.webhooks.router.RawEvents.live;
import static io.realcast.webhooks.router.RawEvents.offline;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw event published twice with the same id (a retried publish, a replayed outbox) is processed once. */
class RouterTopologyDuplicatesTest {
  private static final String APP = "app_a";
  private static final String S = "stream_1";
  private static final String T0 = "2024-12-09T10:00:00Z";

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    router = new RouterHarness(stateDir, Instant.parse(T0));
    router.register(RouterHarness.allEvents("wh_1", APP));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void shouldSendOneWebhookAndCountOnceForAnEventPublishedTwice() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, joined("evt_j1", APP, S, "viewer_1", T0));
    router.send(S, joined("evt_j2", APP, S, "viewer_2", T0));
    router.send(S, joined("evt_j2", APP, S, "viewer_2", T0));
    router.send(S, chat("evt_c1", APP, S, T0));
    router.advance(Duration.ofMinutes(5)); // an outbox replayed minutes later
    router.send(S, chat("evt_c1", APP, S, T0));
    router.send(S, offline("evt_off", APP, S, "2024-12-09T10:05:00Z"));
    router.send(S, offline("evt_off", APP, S, "2024-12-09T10:05:00Z"));

    assertThat(router.drainDeliveries()).filteredOn(d -> !d.eventId().value().startsWith("evt_vcu_"))
        .extracting(d -> d.eventId().value()).containsExactly("evt_live", "evt_j1", "evt_j2", "evt_c1", "evt_off");
    assertThat(router.counter("realcast.router.events.duplicate", "type", "stream.live")).isEqualTo(1);
    assertThat(router.counter("realcast.router.events.duplicate", "type", "viewer.joined")).isEqualTo(1);
    assertThat(router.counter("realcast.router.events.duplicate", "type", "chat.message.new")).isEqualTo(1);
    assertThat(router.counter("realcast.router.events.duplicate", "type", "stream.offline")).isEqualTo(1);
    assertThat(router.drainInvalid()).as("a duplicate is absorbed, not refused").isEmpty();
  }

  @Test
  void shouldNotCountADuplicatedJoinTwiceInTheViewerCount() {
    router.send(S, live("evt_live", APP, S, T0));
    router.send(S, joined("evt_j1", APP, S, "viewer_1", T0));
    router.send(S, joined("evt_j1", APP, S, "viewer_1", T0));
    router.send(S, joined("evt_j2", APP, S, "viewer_2", T0));

    Delivery last = router.drainDeliveries().get(2);
    assertThat(Json.readTree(last.body()).path("data").path("viewer_count").asLong()).isEqualTo(2);
  }

  @Test
  void shouldProcessAnIdAgainOnceTheWindowHasPassed() {
    router.send(S, chat("evt_c1", APP, S, T0));
    router.advance(Duration.ofHours(24).plusMinutes(1));
    router.send(S, chat("evt_c1", APP, S, T0));

    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_c1", "evt_c1");
    assertThat(router.counter("realcast.router.events.duplicate", "type", "chat.message.new")).isZero();
  }
}
