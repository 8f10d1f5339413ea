package io.realcast.webhooks.tools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.metrics.MetricDef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names in the catalogs (and so in METRICS.md and the dashboard) are the names Prometheus really scrapes. */
class MetricCatalogTest {

  @Test
  void shouldExposeEveryCatalogedMetricUnderItsDocumentedPrometheusName() {
    for (List<MetricDef> catalog : ReferenceDocs.catalogs().values()) {
      for (MetricDef def : catalog) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        register(registry, def);

        assertThat(registry.scrape().lines().filter(l -> !l.startsWith("#")))
            .as("%s (%s) is scraped as %s", def.name(), def.kind(), def.prometheusName())
            .anyMatch(line -> line.startsWith(def.prometheusName() + "{") || line.startsWith(def.prometheusName() + " ")
                || line.startsWith(def.prometheusName() + "_count"));
      }
    }
  }

  private static void register(PrometheusMeterRegistry registry, MetricDef def) {
    Tags tags = Tags.empty();
    for (String key : def.tags()) {
      tags = tags.and(key, "x");
    }
    switch (def.kind()) {
      case COUNTER -> Counter.builder(def.name()).tags(tags).register(registry).increment();
      case TIMER -> Timer.builder(def.name()).tags(tags).register(registry).record(Duration.ofMillis(1));
      case DISTRIBUTION -> DistributionSummary.builder(def.name()).baseUnit(def.unit().isEmpty() ? null : def.unit()).tags(tags)
          .register(registry).record(1);
      case GAUGE -> Gauge.builder(def.name(), () -> 1).baseUnit(def.unit().isEmpty() ? null : def.unit()).tags(tags)
          .register(registry);
    }
  }
}
