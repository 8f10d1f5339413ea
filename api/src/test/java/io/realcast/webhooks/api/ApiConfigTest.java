package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import java.nio.file.Path;
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
    assertThat(c.history().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.history().applicationId()).isEqualTo("realcast-history");
    assertThat(c.history().stateDir().getFileName()).hasToString("api-history");
    assertThat(c.kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(c.quotas()).isEqualTo(Quotas.DEFAULTS);
    assertThat(c.http().metricsPort()).isEmpty();
    assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.keyRotationOverlap()).isEqualTo(Duration.ofHours(24));
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
  void shouldReadTheHistoryQuotasTimeoutsAndMetricsPort() {
    ApiConfig c = ApiConfig.read(ConfigSource.of(Map.of("REALCAST_ADMIN_KEY", "0123456789abcdef", "REALCAST_TOPIC_PREFIX", "t1.",
        "REALCAST_DATA_DIR", "/var/realcast", "REALCAST_HISTORY_RETENTION", "30d", "REALCAST_API_QUOTA_WEBHOOKS_PER_APP", "5",
        "REALCAST_API_QUOTA_TESTS_PER_MINUTE", "7", "REALCAST_API_METRICS_PORT", "9103", "REALCAST_API_IDLE_TIMEOUT", "15s",
        "REALCAST_API_REQUEST_TIMEOUT", "20s")));
    assertThat(c.history().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(c.history().applicationId()).isEqualTo("t1.realcast-history");
    assertThat(c.history().stateDir()).isEqualTo(Path.of("/var/realcast", "api-history"));
    assertThat(c.quotas().webhooksPerApp()).isEqualTo(5);
    assertThat(c.quotas().testsPerMinute()).isEqualTo(7);
    assertThat(c.http().metricsPort()).hasValue(9103);
    assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.http().requestTimeout()).isEqualTo(Duration.ofSeconds(20));
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
