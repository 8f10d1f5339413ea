package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelivererConfigTest {

  @Test
  void shouldDefaultToTheSpecifiedLimits() {
    DelivererConfig config = DelivererConfig.read(ConfigSource.of(Map.of()));
    assertThat(config).isEqualTo(DelivererConfig.defaults(config.kafka()));
    assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.http().attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.http().maxResponseBytes()).isEqualTo(65_536);
    assertThat(config.retryAfterCap()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.http().allowPrivateTargets()).isFalse();
    assertThat(config.limits()).isEqualTo(new DelivererConfig.Limits(32, 256, 2048, 10_000, 2_500, Duration.ofSeconds(1), 512, 64));
    assertThat(config.metricsPort()).isEqualTo(9102);
    assertThat(config.groupId()).isEqualTo("realcast-deliverer");
  }

  @Test
  void shouldReadPrivateTargetsFromTheDocumentedVariable() {
    assertThat(DelivererConfig.read(ConfigSource.of(Map.of("REALCAST_ALLOW_PRIVATE_TARGETS", "true"))).http().allowPrivateTargets())
        .isTrue();
  }

  @Test
  void shouldNameEveryBadSetting() {
    assertThatThrownBy(() -> DelivererConfig.read(ConfigSource.of(Map.of(
        "REALCAST_DELIVERER_ATTEMPT_TIMEOUT", "soon",
        "REALCAST_DELIVERER_MAX_IN_FLIGHT_PER_WEBHOOK", "0",
        "REALCAST_DELIVERER_BUFFER_CAP", "10"))))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3).anySatisfy(p -> assertThat(p).startsWith(
            "REALCAST_DELIVERER_ATTEMPT_TIMEOUT")).anySatisfy(p -> assertThat(p).startsWith(
            "REALCAST_DELIVERER_MAX_IN_FLIGHT_PER_WEBHOOK")).anySatisfy(p -> assertThat(p).startsWith(
            "REALCAST_DELIVERER_APP_BUFFER_SHARE: must not be more than REALCAST_DELIVERER_BUFFER_CAP")));
  }
}
