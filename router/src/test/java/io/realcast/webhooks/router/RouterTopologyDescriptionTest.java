package io.realcast.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class RouterTopologyDescriptionTest {
  private final TopologyDescription description = RouterTopology.build(Topics.defaults(), Duration.ofSeconds(30),
      65536, new RouterMetrics(new SimpleMeterRegistry()), Clock.systemUTC()).describe();

  @Test
  void shouldNameEveryNodeAndStore() {
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
        .contains(RouterTopology.STREAM_STATE_STORE, RouterTopology.SUBSCRIPTIONS_STORE, RouterTopology.FAN_OUT);
  }

  @Test
  void shouldReadEventsAndTheRegistryAndNeverRepartition() {
    assertThat(description.subtopologies()).hasSize(1);
    assertThat(description.globalStores()).hasSize(1);
    assertThat(description.toString()).contains("realcast.events", "realcast.webhooks", "realcast.deliveries",
        "realcast.events.invalid").doesNotContain("repartition");
  }

  @Test
  void shouldDeclareEveryMetricInTheCatalogWithThePrefix() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new RouterMetrics(registry);
    assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).allSatisfy(name ->
        assertThat(RouterMetrics.catalog()).anySatisfy(def -> assertThat(def.name()).isEqualTo(name)));
    assertThat(RouterMetrics.catalog()).allSatisfy(def -> assertThat(def.prometheusName()).startsWith("realcast_router_"));
  }
}
