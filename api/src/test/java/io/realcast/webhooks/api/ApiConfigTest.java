package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
  @Test
  void shouldUseTheDocumentedDefaults() {
    ApiConfig c = ApiConfig.read(ConfigSource.of(Map.of("REALCAST_ADMIN_KEY", "0123456789abcdef")));
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.allowPrivateTargets()).isFalse();
    assertThat(c.rotationOverlap()).isEqualTo(Duration.ofHours(24));
    assertThat(c.logRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.logMaxPerWebhook()).isEqualTo(1000);
    assertThat(c.kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void shouldReadTheNamesUsersRelyOn() {
    ApiConfig c = ApiConfig.read(ConfigSource.of(Map.of("REALCAST_ADMIN_KEY", "0123456789abcdef", "REALCAST_API_PORT", "9999",
        "REALCAST_ALLOW_PRIVATE_TARGETS", "true", "REALCAST_API_HOST", "0.0.0.0", "REALCAST_SECRET_ROTATION_OVERLAP", "1h")));
    assertThat(c.port()).isEqualTo(9999);
    assertThat(c.allowPrivateTargets()).isTrue();
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.rotationOverlap()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldStopWithAMessageNamingEveryBadValueWithoutShowingTheKey() {
    assertThatThrownBy(() -> ApiConfig.read(ConfigSource.of(Map.of("REALCAST_ADMIN_KEY", "short-secret", "REALCAST_API_PORT", "x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REALCAST_ADMIN_KEY")
        .hasMessageContaining("REALCAST_API_PORT")
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void shouldMaskTheAdminKeyInToString() {
    ApiConfig c = ApiConfig.read(ConfigSource.of(Map.of("REALCAST_ADMIN_KEY", "0123456789abcdef")));
    assertThat(c.toString()).doesNotContain("0123456789abcdef");
  }
}
