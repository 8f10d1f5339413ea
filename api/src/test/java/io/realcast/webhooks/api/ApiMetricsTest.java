package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.metrics.MetricDef;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {
  @Test
  void shouldCreateOnlyMetersOfTheCatalogWithTheirDeclaredTags() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ApiMetrics metrics = new ApiMetrics(registry);
    metrics.request("/v1/apps", "GET", 200, Duration.ofMillis(3));
    metrics.authFailure("missing");
    metrics.testEvent("stream.live");
    metrics.redeliveries("one", 1);
    metrics.quotaRefusal("test");
    metrics.historyRecord("attempts", "applied");
    metrics.gauges(() -> 1, () -> 0, () -> 2, () -> 3, () -> 4);

    Set<String> catalog = ApiMetrics.catalog().stream().map(MetricDef::name).collect(Collectors.toSet());
    assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).allMatch(catalog::contains);
    assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet())).isEqualTo(catalog);
    for (Meter m : registry.getMeters()) {
      MetricDef def = ApiMetrics.catalog().stream().filter(d -> d.name().equals(m.getId().getName())).findFirst().orElseThrow();
      assertThat(m.getId().getTags()).extracting(Tag::getKey).containsExactlyInAnyOrderElementsOf(def.tags());
    }
    assertThat(registry.get(ApiMetrics.REQUESTS.name()).tag("status", "2xx").counter().count()).isEqualTo(1);
  }
}
