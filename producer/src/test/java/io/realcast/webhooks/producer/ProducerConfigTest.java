package io.realcast.webhooks.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerConfigTest {

  @Test
  void shouldReadDefaultsAndTheEnvironment() {
    ProducerConfig config = ProducerConfig.read(ConfigSource.of(Map.of(
        "REALCAST_KAFKA_BOOTSTRAP", "kafka:9092", "REALCAST_TOPIC_PREFIX", "staging.", "REALCAST_PRODUCER_CLIENT_ID", "ingest-1")));

    assertThat(config.kafka().bootstrap()).isEqualTo("kafka:9092");
    assertThat(config.kafka().topics().events()).isEqualTo("staging.realcast.events");
    assertThat(config.clientId()).isEqualTo("ingest-1");
    assertThat(config.maxEventBytes()).isEqualTo(65_536);
    assertThat(config.kafka().producerProperties(config.clientId())).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
  }

  @Test
  void shouldReportEveryBadSettingByName() {
    assertThatThrownBy(() -> ProducerConfig.read(ConfigSource.of(Map.of(
        "REALCAST_PRODUCER_MAX_EVENT_BYTES", "tiny", "REALCAST_PRODUCER_CLIENT_ID", " ", "REALCAST_RETRY_SCHEDULE", "never"))))
        .asInstanceOf(type(ConfigException.class))
        .satisfies(e -> assertThat(e.problems()).hasSize(3)
            .anyMatch(p -> p.startsWith("REALCAST_PRODUCER_MAX_EVENT_BYTES"))
            .anyMatch(p -> p.startsWith("REALCAST_PRODUCER_CLIENT_ID"))
            .anyMatch(p -> p.startsWith("REALCAST_RETRY_SCHEDULE")));
  }
}
