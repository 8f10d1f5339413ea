package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.producer.ProducerMetrics;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressProbeTest {
  private final PrometheusMeterRegistry producer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PrometheusMeterRegistry deliverer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DelivererMetrics metrics = new DelivererMetrics(deliverer);

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

    ProgressReading reading = new ProgressProbe(producer, ProducerMetrics.PUBLISHED, deliverer).read();

    assertThat(reading).isEqualTo(new ProgressReading(7, 2, 2, 1, Optional.empty()));
  }

  @Test
  void shouldTakeTheNinetyNinthPercentileFromTheLatencyHistogramAcrossEventTypes() {
    for (int i = 0; i < 98; i++) {
      metrics.endToEnd(WebhookEventType.STREAM_LIVE, Duration.ofMillis(20));
    }
    metrics.endToEnd(WebhookEventType.VIEWER_JOINED, Duration.ofSeconds(6));
    metrics.endToEnd(WebhookEventType.VIEWER_JOINED, Duration.ofSeconds(6));

    Optional<Duration> p99 = ProgressProbe.p99(deliverer.find(DelivererMetrics.END_TO_END.name()).timers());

    assertThat(p99).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8)));
  }

  @Test
  void shouldShowNoPercentileBeforeTheFirstDelivery() {
    assertThat(ProgressProbe.p99(java.util.List.<Timer>of())).isEmpty();
  }

  @Test
  void shouldPrintTheProgressLineWithThousandsSeparatorsAndReadableLatency() {
    assertThat(new ProgressReading(1204, 2310, 41, 3, Optional.of(Duration.ofMillis(1840))).line())
        .isEqualTo("events 1,204 | deliveries 2,310 | retries 41 | dead letters 3 | p99 1.8 s");
    assertThat(new ProgressReading(0, 0, 0, 0, Optional.of(Duration.ofMillis(35))).line()).endsWith("p99 35 ms");
  }
}
