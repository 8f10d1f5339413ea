package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw events per app per second: above the limit an app's events wait, in order; other apps are not held up. */
class RouterTopologyAppQuotaTest {
  private static final String AT = "2024-12-09T10:00:00Z";

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    router = new RouterHarness(stateDir, Instant.parse(AT), c -> c.withEvents(c.events().withAppEventsPerSecond(5)));
    router.register(RouterHarness.allEvents("wh_a", "app_a"));
    router.register(RouterHarness.allEvents("wh_b", "app_b"));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void shouldDelayAnAppAboveItsLimitInOrderAndLetOtherAppsThrough() {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      router.send("stream_a", chat("evt_a" + i, "app_a", "stream_a", AT));
      sent.add("evt_a" + i);
      if (i == 8) {
        router.send("stream_b", chat("evt_b", "app_b", "stream_b", AT));
      }
    }

    assertThat(ids(router.drainDeliveries())).containsExactly("evt_a0", "evt_a1", "evt_a2", "evt_a3", "evt_a4", "evt_b");
    assertThat(router.counter("realcast.router.events.delayed")).isEqualTo(7);
    assertThat(router.gauge("realcast.router.events.queued")).isEqualTo(7);

    List<String> released = new ArrayList<>();
    router.advance(Duration.ofMillis(500));
    released.addAll(ids(router.drainDeliveries()));
    assertThat(released).hasSizeBetween(2, 3);
    router.advance(Duration.ofSeconds(1));
    released.addAll(ids(router.drainDeliveries()));

    assertThat(released).containsExactlyElementsOf(sent.subList(5, 12));
    assertThat(router.gauge("realcast.router.events.queued")).isZero();
  }

  @Test
  void shouldQueueAnAppsNewEventsBehindItsWaitingOnes() {
    for (int i = 0; i < 6; i++) {
      router.send("stream_a", chat("evt_a" + i, "app_a", "stream_a", AT));
    }
    router.drainDeliveries();
    router.advance(Duration.ofSeconds(2)); // tokens again, and evt_a5 released
    router.send("stream_a", chat("evt_a6", "app_a", "stream_a", AT));

    assertThat(ids(router.drainDeliveries())).containsExactly("evt_a5", "evt_a6");
  }

  private static List<String> ids(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> d.eventId().value()).toList();
  }
}
