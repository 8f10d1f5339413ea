package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.producer.ProducerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressProbeTest {
  private final PrometheusMeterRegistry producer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PrometheusMeterRegistry deliverer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DelivererMetrics metrics = new DelivererMetrics(deliverer);
  private final MockClock clock = new MockClock();
  private final MeterRegistry firstAttempts = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final Timer firstAttemptLatency = FirstAttempts.latencyTimer(firstAttempts);

  @Test
  void shouldCountOnly2xxAttemptsAsDeliveriesAndSumRetriesAndDeadLettersOverTheirTags() {
    producer.counter(ProducerMetrics.PUBLISHED.name(), "type", "stream.live").increment(3);
    producer.counter(ProducerMetrics.PUBLISHED.name(), "type", "viewer.joined").increment(4);
    metrics.attempt(WebhookEventType.STREAM_LIVE, new Outcome.Delivered(200));
    metrics.attempt(WebhookEventType.VIEWER_JOINED, new Outcome.Delivered(204));
    metrics.attempt(WebhookEventType.VIEWER_JOINED, new Outcome.Temporary(503, null, Optional.empty()));
    metrics.retry(Duration.ofSeconds(1));
    metrics.retry(Duration.ofSeconds(5));
    metrics.dead(DeadReason.RETRIES_EXHAUSTED);

    ProgressReading reading = new ProgressProbe(producer, ProducerMetrics.PUBLISHED, deliverer, firstAttempts).read();

    assertThat(reading).isEqualTo(new ProgressReading(7, 2, 2, 1, Optional.empty()));
  }

  @Test
  void shouldForgetTheSlowStartOnceItIsOlderThanTheWindow() {
    Instant event = Instant.parse("2024-12-09T10:00:00Z");
    for (int i = 0; i < 50; i++) {
      FirstAttempts.record(attempt(event, 1, 680, AttemptResult.DELIVERED), firstAttemptLatency); // start-up
    }
    assertThat(probe().read().firstAttemptP99()).hasValueSatisfying(d -> assertThat(d).isBetween(
        Duration.ofMillis(690), Duration.ofMillis(710)));

    clock.add(ProgressReading.LATENCY_WINDOW.plusSeconds(1));
    assertThat(probe().read().firstAttemptP99()).as("nothing recorded in the window").isEmpty();

    for (int i = 0; i < 100; i++) {
      FirstAttempts.record(attempt(event, 1, 5, AttemptResult.DELIVERED), firstAttemptLatency);
    }
    assertThat(probe().read().firstAttemptP99()).as("only the last minute's deliveries, all 25 ms")
        .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(24), Duration.ofMillis(26)));
  }

  private ProgressProbe probe() {
    return new ProgressProbe(producer, ProducerMetrics.PUBLISHED, deliverer, firstAttempts);
  }

  @Test
  void shouldMeasureFirstAttemptsThatDeliveredAndNothingElse() {
    Instant event = Instant.parse("2024-12-09T10:00:00Z");
    for (int i = 0; i < 100; i++) {
      FirstAttempts.record(attempt(event, 1, 80, AttemptResult.DELIVERED), firstAttemptLatency);
    }
    FirstAttempts.record(attempt(event, 1, 9_000, AttemptResult.TEMPORARY), firstAttemptLatency);
    FirstAttempts.record(attempt(event.minusSeconds(30), 3, 40, AttemptResult.DELIVERED), firstAttemptLatency);

    ProgressReading reading = new ProgressProbe(producer, ProducerMetrics.PUBLISHED, deliverer, firstAttempts).read();

    assertThat(firstAttemptLatency.count()).isEqualTo(100);
    assertThat(reading.firstAttemptP99()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(99), Duration.ofMillis(101)));
  }

  /** An attempt started 20 ms after the event and answered after {@code latencyMillis}. */
  private static AttemptLog attempt(Instant event, int number, long latencyMillis, AttemptResult result) {
    return new AttemptLog(DeliveryId.of("dlv_test"), WebhookId.of("wh_test"), AppId.of("app_test"), WebhookEventType.STREAM_LIVE,
        EventId.of("evt_test"), event, new Attempt(number, event.plusMillis(20), latencyMillis, 200, null, result), DeliveryState.DELIVERED, null);
  }

  @Test
  void shouldShowNoPercentileBeforeTheFirstDelivery() {
    assertThat(probe().read().firstAttemptP99()).isEmpty();
    assertThat(new ProgressProbe(producer, ProducerMetrics.PUBLISHED, deliverer, new SimpleMeterRegistry()).read()
        .firstAttemptP99()).as("no timer yet").isEmpty();
  }

  @Test
  void shouldPrintTheProgressLineWithThousandsSeparatorsAndReadableLatency() {
    assertThat(new ProgressReading(1204, 2310, 41, 3, Optional.of(Duration.ofMillis(1840))).line())
        .isEqualTo("events 1,204 | deliveries 2,310 | first attempt p99 (1 min) 1.8 s | retries 41 | dead letters 3");
    assertThat(new ProgressReading(0, 0, 0, 0, Optional.of(Duration.ofMillis(35))).line()).contains("first attempt p99 (1 min) 35 ms |");
    assertThat(new ProgressReading(0, 0, 0, 0, Optional.empty()).line()).contains("first attempt p99 (1 min) – |");
  }
}
