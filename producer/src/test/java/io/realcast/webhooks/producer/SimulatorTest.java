package io.realcast.webhooks.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimulatorTest {
  private final MutableClock clock = MutableClock.at("2024-12-09T10:00:00Z");
  private final List<RawEvent> published = new ArrayList<>();
  private final List<Instant> sentAt = new ArrayList<>();

  private Simulator simulator(double rate, Duration duration, long count) {
    SimulatorConfig config = new SimulatorConfig(SimulatorConfig.simulatedApps(2), 5, rate, duration, count, 7);
    return new Simulator(config, event -> {
      published.add(event);
      sentAt.add(clock.instant());
      return CompletableFuture.completedFuture(null);
    }, clock, due -> clock.set(due.isAfter(clock.instant()) ? due : clock.instant()));
  }

  @Test
  void shouldPaceEventsAtTheTargetRateForTheDuration() throws Exception {
    Simulator.Result result = simulator(100, Duration.ofSeconds(10), 0).run();

    Instant start = Instant.parse("2024-12-09T10:00:00Z");
    for (int i = 0; i < 1000; i++) {
      assertThat(sentAt.get(i)).isEqualTo(start.plusMillis(10L * i));
    }
    // Then, without pacing, the rest of the last choice (a chat burst may be under way) and the end of every stream
    // still live.
    List<RawEvent> closing = published.subList(1000, published.size());
    assertThat(closing).isNotEmpty().last()
        .matches(e -> e.type() == RawEventType.STREAM_OFFLINE || e.type() == RawEventType.RECORDING_READY);
    assertThat(published).filteredOn(e -> e.type() == RawEventType.STREAM_OFFLINE)
        .hasSameSizeAs(published.stream().filter(e -> e.type() == RawEventType.STREAM_LIVE).toList());
    assertThat(result.sent()).isEqualTo(published.size());
    assertThat(result.published()).isEqualTo(result.sent());
    assertThat(result.failed()).isZero();
    assertThat(result.elapsed()).isEqualTo(Duration.ofMillis(9990));
  }

  @Test
  void shouldStopAtTheCountThenEndEveryLiveStream() throws Exception {
    Simulator.Result result = simulator(1000, Duration.ofHours(1), 250).run();

    long lives = published.stream().filter(e -> e.type() == RawEventType.STREAM_LIVE).count();
    long offlines = published.stream().filter(e -> e.type() == RawEventType.STREAM_OFFLINE).count();
    assertThat(lives).isEqualTo(offlines).isPositive();
    assertThat(result.sent()).isGreaterThanOrEqualTo(250);
    assertThat(result.byType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.sent());
    assertThat(published.get(published.size() - 1).type()).isIn(RawEventType.STREAM_OFFLINE, RawEventType.RECORDING_READY);
  }

  @Test
  void shouldStopWhenAskedAndStillEndItsStreams() throws Exception {
    SimulatorConfig config = new SimulatorConfig(SimulatorConfig.simulatedApps(1), 3, 100, Duration.ofDays(1), 0, 1);
    List<RawEvent> seen = new ArrayList<>();
    Simulator[] holder = new Simulator[1];
    holder[0] = new Simulator(config, event -> {
      seen.add(event);
      if (seen.size() == 100) {
        holder[0].stop();
      }
      return CompletableFuture.completedFuture(null);
    }, clock, clock::set);

    holder[0].run();

    assertThat(seen.stream().filter(e -> e.type() == RawEventType.STREAM_LIVE).count())
        .isEqualTo(seen.stream().filter(e -> e.type() == RawEventType.STREAM_OFFLINE).count());
    assertThat(seen).hasSizeLessThan(200);
  }

  @Test
  void shouldCountFailedPublishesWithoutStopping() throws Exception {
    SimulatorConfig config = new SimulatorConfig(SimulatorConfig.simulatedApps(1), 2, 100, Duration.ofSeconds(1), 0, 3);
    int[] n = {0};
    Simulator simulator = new Simulator(config, event -> ++n[0] % 2 == 0
        ? CompletableFuture.failedFuture(new IllegalStateException("broker down"))
        : CompletableFuture.completedFuture(null), clock, clock::set);

    Simulator.Result result = simulator.run();

    assertThat(result.failed()).isPositive();
    assertThat(result.published() + result.failed()).isEqualTo(result.sent());
    assertThat(result.sent()).isGreaterThanOrEqualTo(100);
  }

  @Test
  void shouldRefuseNonsenseConfigurations() {
    assertThatThrownBy(() -> new SimulatorConfig(SimulatorConfig.simulatedApps(1), 0, 1, Duration.ofSeconds(1), 0, 1))
        .hasMessageContaining("streams");
    assertThatThrownBy(() -> new SimulatorConfig(SimulatorConfig.simulatedApps(1), 1, 0, Duration.ofSeconds(1), 0, 1))
        .hasMessageContaining("rate");
    assertThatThrownBy(() -> new SimulatorConfig(SimulatorConfig.simulatedApps(1), 1, 1, Duration.ZERO, 0, 1))
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> new SimulatorConfig(List.of(), 1, 1, Duration.ofSeconds(1), 0, 1)).hasMessageContaining("app");
    assertThatThrownBy(() -> SimulatorConfig.simulatedApps(0)).hasMessageContaining("apps");
  }
}
