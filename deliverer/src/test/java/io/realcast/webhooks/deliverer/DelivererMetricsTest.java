package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.metrics.MetricDef;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelivererMetricsTest {

  @Test
  void shouldExposeEveryCatalogNameInPrometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DelivererMetrics metrics = new DelivererMetrics(registry);
    metrics.attempt("stream.live", "2xx");
    metrics.endToEnd("stream.live", Duration.ofMillis(120));
    metrics.httpDuration("delivered", Duration.ofMillis(20));
    metrics.gauges(() -> 1, () -> 2);
    metrics.retry("1s");
    metrics.dead("gone");
    metrics.deferred();
    metrics.fetchPaused();
    metrics.disabled("gone");
    metrics.unreadable("realcast.deliveries");

    String scrape = registry.scrape();
    for (MetricDef def : DelivererMetrics.catalog()) {
      assertThat(scrape).as(def.name()).contains(def.prometheusName());
    }
    assertThat(scrape).contains("realcast_deliveries_deferred_total").contains("realcast_delivery_latency_seconds_bucket");
  }
}
