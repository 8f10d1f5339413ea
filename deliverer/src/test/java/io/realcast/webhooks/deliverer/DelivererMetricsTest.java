package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.event.WebhookDisabledPayload;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.metrics.MetricDef;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelivererMetricsTest {

  @Test
  void shouldExposeEveryCatalogNameInPrometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DelivererMetrics metrics = new DelivererMetrics(registry);
    metrics.attempt(WebhookEventType.STREAM_LIVE, new Outcome.Delivered(200));
    metrics.attempt(WebhookEventType.STREAM_LIVE, new Outcome.Temporary(0, "timeout", java.util.Optional.empty()));
    metrics.endToEnd(WebhookEventType.STREAM_LIVE, Duration.ofMillis(120));
    metrics.httpDuration(AttemptResult.DELIVERED, Duration.ofMillis(20));
    metrics.gauges(() -> 1, () -> 2, () -> 3);
    metrics.stuckWrites(() -> 0);
    metrics.retry(Duration.ofSeconds(1));
    metrics.dead(DeadReason.GONE);
    metrics.deferred(Placement.DeferReason.SLOW_WEBHOOK);
    metrics.fetchPaused();
    metrics.disabled(WebhookDisabledPayload.Reason.FAILING);
    metrics.failingWebhooks(() -> 4);
    metrics.openGates(() -> 2);
    metrics.gateSkipped();
    metrics.unreadable("realcast.deliveries");

    String scrape = registry.scrape();
    for (MetricDef def : DelivererMetrics.catalog()) {
      assertThat(scrape).as(def.name()).contains(def.prometheusName());
    }
    assertThat(scrape).contains("realcast_deliveries_deferred_total{reason=\"slow_webhook\"} 1.0")
        .contains("realcast_delivery_attempts_total{event=\"stream.live\",outcome=\"timeout\"} 1.0")
        .contains("realcast_delivery_retries_total{tier=\"1s\"} 1.0")
        .contains("realcast_subscriptions_disabled_total{reason=\"failing\"} 1.0")
        .contains("realcast_deliverer_failing_webhooks 4.0")
        .contains("realcast_deliverer_gates_open 2.0")
        .contains("realcast_deliverer_gates_skipped_total 1.0")
        .contains("realcast_delivery_latency_seconds_bucket");
  }
}
