package io.realcast.webhooks.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BrokerOptionsTest {

  @Test
  void shouldDefaultToATemporaryDirectoryFreePortsAndNoAutoCreation() {
    BrokerOptions options = BrokerOptions.defaults();

    assertThat(options.dataDirectory()).isEmpty();
    assertThat(options.brokerPort()).isZero();
    assertThat(options.controllerPort()).isZero();
    assertThat(options.defaultPartitions()).isEqualTo(3);
    assertThat(options.autoCreateTopics()).isFalse();
  }

  @Test
  void shouldNameEveryInvalidOptionAtOnce() {
    BrokerOptions.Builder builder =
        BrokerOptions.builder()
            .brokerPort(9092)
            .controllerPort(9092)
            .defaultPartitions(0)
            .startTimeout(Duration.ZERO)
            .brokerOverride("listeners", "PLAINTEXT://0.0.0.0:9092");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brokerPort and controllerPort are both 9092")
        .hasMessageContaining("defaultPartitions 0")
        .hasMessageContaining("startTimeout PT0S")
        .hasMessageContaining("must not set listeners");
  }

  @Test
  void shouldRejectPortsOutsideTheTcpRange() {
    assertThatThrownBy(() -> BrokerOptions.builder().brokerPort(70_000).build())
        .hasMessageContaining("brokerPort 70000");
  }

  @Test
  void shouldCopyEveryOptionIntoABuilder() {
    BrokerOptions options =
        BrokerOptions.builder()
            .dataDirectory(Path.of("/tmp/broker"))
            .brokerPort(9092)
            .controllerPort(9093)
            .defaultPartitions(6)
            .autoCreateTopics(true)
            .startTimeout(Duration.ofSeconds(5))
            .brokerOverride("log.flush.interval.messages", "1")
            .build();

    assertThat(options.toBuilder().build()).isEqualTo(options);
  }
}
