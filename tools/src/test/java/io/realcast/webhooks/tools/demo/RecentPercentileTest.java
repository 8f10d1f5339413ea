package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentPercentileTest {
  private static final long SECOND = 1_000_000_000L;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer latency = FirstAttempts.latencyTimer(registry);
  private final RecentPercentile p99 = new RecentPercentile(0.99, Duration.ofMinutes(1));

  private void record(int count, long millis) {
    for (int i = 0; i < count; i++) {
      latency.record(Duration.ofMillis(millis));
    }
  }

  private Duration readAt(long seconds) {
    return p99.read(List.of(latency), seconds * SECOND).orElseThrow();
  }

  @Test
  void shouldForgetTheSlowStartOnceItIsOlderThanTheWindow() {
    record(50, 700); // start-up: cold JIT, consumers joining
    assertThat(readAt(0)).isGreaterThanOrEqualTo(Duration.ofMillis(700));

    for (long t = 2; t <= 60; t += 2) {
      record(100, 15);
      readAt(t);
    }
    record(100, 15);
    assertThat(readAt(62)).as("only the last minute's deliveries, all 15 ms")
        .isBetween(Duration.ofMillis(15), Duration.ofMillis(25));
  }

  @Test
  void shouldCountEverythingSinceTheOldestReadingWhileTheWindowIsNotFull() {
    record(100, 15);
    readAt(0);
    record(98, 15);
    record(2, 900);

    assertThat(readAt(10)).as("two of the hundred since the first reading are slow")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void shouldSayNothingWhenNothingWasRecordedInTheWindow() {
    record(100, 15);
    readAt(0);

    assertThat(p99.read(List.of(latency), 70 * SECOND)).isEmpty();
  }

  @Test
  void shouldShowALateSlowDeliveryEvenAfterAQuietStretch() {
    record(100, 15);
    readAt(0);
    assertThat(p99.read(List.of(latency), 30 * SECOND)).isEmpty();
    record(1, 2_000);

    assertThat(readAt(75)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldRefuseAQuantileOutsideZeroToOne() {
    assertThatThrownBy(() -> new RecentPercentile(1.5, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecentPercentile(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
