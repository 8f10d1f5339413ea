package io.realcast.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class RouterTopologyDescriptionTest {
  private final TopologyDescription description = RouterTopology.build(
      RouterConfig.defaults(KafkaSettings.forBootstrap("127.0.0.1:1", Topics.defaults()), Path.of("unused")),
      new RouterMetrics(new SimpleMeterRegistry()), new InvalidWriteFailures(), Clock.systemUTC()).describe();

  @Test
  void shouldNameEveryNodeAndStore() {
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
        .contains(RouterTopology.STREAM_STATE_STORE, RouterTopology.SUBSCRIPTIONS_STORE, RouterTopology.FAN_OUT);
  }

  /** Store names are changelog topic names: renaming one loses state on upgrade. These are the names released. */
  @Test
  void shouldKeepTheReleasedStoreNames() {
    assertThat(description.subtopologies()).singleElement().satisfies(sub -> assertThat(sub.nodes())
        .flatExtracting(node -> node instanceof TopologyDescription.Processor p ? List.copyOf(p.stores()) : List.<String>of())
        .containsExactlyInAnyOrder("stream-state", "stream-viewers", "held-events", "ended-streams", "seen-event-ids",
            "delayed-events", "sequence-numbers"));
    assertThat(description.subtopologies()).singleElement().satisfies(sub -> assertThat(sub.nodes())
        .extracting(TopologyDescription.Node::name).containsExactlyInAnyOrder("events-source", "pace-commits", "validate-events",
            "events-invalid-sink", "deduplicate-events", "apply-app-quota", "track-stream-state", "refused-events-sink",
            "fan-out", "deliveries-sink"));
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
