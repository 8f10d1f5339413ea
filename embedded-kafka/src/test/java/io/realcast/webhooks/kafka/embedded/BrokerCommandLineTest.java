package io.realcast.webhooks.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.kafka.embedded.internal.BrokerCommandLine;
import io.realcast.webhooks.kafka.embedded.internal.BrokerCommandLine.Command;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BrokerCommandLineTest {

  @Test
  void shouldParseWhatItWrites() {
    BrokerOptions options =
        BrokerOptions.builder()
            .dataDirectory(Path.of("/tmp/broker"))
            .brokerPort(9092)
            .controllerPort(9093)
            .defaultPartitions(6)
            .autoCreateTopics(true)
            .brokerOverride("log.flush.interval.messages", "1")
            .build();
    Command command = new Command(options, OptionalLong.of(42));

    Command parsed =
        BrokerCommandLine.parse(BrokerCommandLine.toArguments(command).toArray(String[]::new));

    assertThat(parsed).isEqualTo(command);
  }

  @Test
  void shouldParseTheDemoCommandLine() {
    Command parsed =
        BrokerCommandLine.parse(
            "--data-dir", "/tmp/demo", "--port", "9092", "--controller-port", "9093");

    assertThat(parsed.options().dataDirectory()).contains(Path.of("/tmp/demo"));
    assertThat(parsed.options().brokerPort()).isEqualTo(9092);
    assertThat(parsed.options().controllerPort()).isEqualTo(9093);
    assertThat(parsed.parentPid()).isEmpty();
  }

  @Test
  void shouldNameTheArgumentItCannotUse() {
    assertThatThrownBy(() -> BrokerCommandLine.parse("--port", "ninety"))
        .hasMessageContaining("--port takes a number, not ninety");
    assertThatThrownBy(() -> BrokerCommandLine.parse("--verbose", "yes"))
        .hasMessageContaining("unknown argument --verbose");
    assertThatThrownBy(() -> BrokerCommandLine.parse("--port"))
        .hasMessageContaining("--port needs a value");
  }
}
