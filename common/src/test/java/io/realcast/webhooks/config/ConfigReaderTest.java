package io.realcast.webhooks.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.realcast.webhooks.topic.RetrySchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
  private static final Setting<Integer> PORT = Setting.integer("api.port", 8080, 1, 65535, "port");
  private static final Setting<Boolean> PRIVATE = Setting.bool("allow-private-targets", false, "private");
  private static final Setting<Duration> TIMEOUT = Setting.duration("http.timeout", "10s", "timeout");
  private static final Setting<String> ADMIN_KEY = Setting.secret("admin.key", "", "admin key");

  @Test
  void shouldNameSettingsAsEnvironmentVariablesAndProperties() {
    assertThat(KafkaSettings.BOOTSTRAP.envName()).isEqualTo("REALCAST_KAFKA_BOOTSTRAP");
    assertThat(PRIVATE.envName()).isEqualTo("REALCAST_ALLOW_PRIVATE_TARGETS");
    assertThat(PORT.envName()).isEqualTo("REALCAST_API_PORT");
    assertThat(PORT.propertyName()).isEqualTo("realcast.api.port");
  }

  @Test
  void shouldPreferEnvironmentOverFileOverDefault() {
    ConfigSource source = ConfigSource.of(Map.of("REALCAST_API_PORT", "9000"),
        Map.of("realcast.api.port", "9100", "realcast.http.timeout", "3s"));
    ConfigReader r = new ConfigReader(source);

    assertThat(r.get(PORT)).isEqualTo(9000);
    assertThat(r.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.get(PRIVATE)).isFalse();
    r.validate();
  }

  @Test
  void shouldReadAPropertiesFileNamedByTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("realcast.properties");
    Files.writeString(file, "realcast.api.port=7000\nrealcast.allow-private-targets=yes\n");

    ConfigReader r = new ConfigReader(ConfigSource.of(Map.of(ConfigSource.CONFIG_FILE_ENV, file.toString())));

    assertThat(r.get(PORT)).isEqualTo(7000);
    assertThat(r.get(PRIVATE)).isTrue();
  }

  @Test
  void shouldFailClearlyWhenTheNamedFileIsMissing(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigSource.of(Map.of(ConfigSource.CONFIG_FILE_ENV, dir.resolve("nope").toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("REALCAST_CONFIG_FILE").hasMessageContaining("nope");
  }

  @Test
  void shouldCollectEveryErrorNamingEachSettingAndMaskingSecrets() {
    ConfigSource source = ConfigSource.of(Map.of(
        "REALCAST_API_PORT", "70000",
        "REALCAST_ALLOW_PRIVATE_TARGETS", "maybe",
        "REALCAST_HTTP_TIMEOUT", "ten seconds",
        "REALCAST_RETRY_SCHEDULE", "1s,soon"));
    Setting<String> strictSecret = new Setting<>("admin.key", "", text -> {
      if (text.length() < 32) {
        throw new IllegalArgumentException("must be at least 32 characters");
      }
      return text;
    }, true, "admin key");
    ConfigReader r = new ConfigReader(source.with(Map.of("REALCAST_ADMIN_KEY", "hunter2-top-secret")));

    r.get(PORT);
    r.get(PRIVATE);
    r.get(TIMEOUT);
    r.get(KafkaSettings.RETRY_SCHEDULE);
    r.get(strictSecret);
    r.check(PORT, false, "must differ from the metrics port");

    assertThatThrownBy(r::validate).asInstanceOf(type(ConfigException.class)).satisfies(e -> {
      assertThat(e.problems()).hasSize(6);
      assertThat(e.problems()).anyMatch(p -> p.startsWith("REALCAST_API_PORT=\"70000\"") && p.contains("between 1 and 65535"));
      assertThat(e.problems()).anyMatch(p -> p.startsWith("REALCAST_ALLOW_PRIVATE_TARGETS=\"maybe\""));
      assertThat(e.problems()).anyMatch(p -> p.startsWith("REALCAST_HTTP_TIMEOUT="));
      assertThat(e.problems()).anyMatch(p -> p.startsWith("REALCAST_RETRY_SCHEDULE="));
      assertThat(e.problems()).anyMatch(p -> p.equals("REALCAST_ADMIN_KEY=****: must be at least 32 characters"));
      assertThat(e.problems()).anyMatch(p -> p.equals("REALCAST_API_PORT: must differ from the metrics port"));
      assertThat(e.getMessage()).doesNotContain("hunter2");
    });
  }

  @Test
  void shouldFallBackToTheDefaultAfterABadValueSoReadingCanContinue() {
    ConfigReader r = new ConfigReader(ConfigSource.of(Map.of("REALCAST_API_PORT", "eighty")));

    assertThat(r.get(PORT)).isEqualTo(8080);
    assertThatThrownBy(r::validate).hasMessageContaining("REALCAST_API_PORT").hasMessageContaining("whole number");
  }

  @Test
  void shouldParseDurationsInEveryForm() {
    assertThat(Setting.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Setting.parseDuration(" 30s ")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Setting.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Setting.parseDuration("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(Setting.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Setting.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    for (String bad : new String[] {"", "s", "5", "5 min", "1.5h", "-"}) {
      assertThatThrownBy(() -> Setting.parseDuration(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldReadKafkaSettingsWithDefaultsAndBuildClientMapsInOnePlace() {
    ConfigReader r = new ConfigReader(ConfigSource.of(Map.of("REALCAST_TOPIC_PREFIX", "x.", "REALCAST_TOPIC_PARTITIONS", "4")));

    KafkaSettings kafka = KafkaSettings.read(r);
    r.validate();

    assertThat(kafka.bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(kafka.topics().events()).isEqualTo("x.realcast.events");
    assertThat(kafka.topics().retries()).isEqualTo(RetrySchedule.DEFAULT);
    assertThat(kafka.partitions()).isEqualTo(4);
    assertThat(kafka.producerProperties("p")).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
        .containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("client.id", "p");
    assertThat(kafka.consumerProperties("c", "g")).containsEntry("group.id", "g").containsEntry("enable.auto.commit", false)
        .containsEntry("isolation.level", "read_committed");
  }

  @Test
  void shouldPassKafkaClientOverridesToEveryClient() {
    KafkaSettings kafka = KafkaSettings.read(new ConfigReader(ConfigSource.of(
        Map.of("REALCAST_KAFKA_CLIENT_OVERRIDES", "session.timeout.ms=6000, heartbeat.interval.ms=1000"))));

    assertThat(kafka.clientOverrides()).containsExactlyInAnyOrderEntriesOf(
        Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
    assertThat(kafka.consumerProperties("c", "g")).containsEntry("session.timeout.ms", "6000");
  }

  @Test
  void shouldRefuseAClientOverrideWithoutAKey() {
    ConfigReader r = new ConfigReader(ConfigSource.of(Map.of("REALCAST_KAFKA_CLIENT_OVERRIDES", "=6000")));
    KafkaSettings.read(r);

    assertThatThrownBy(r::validate).hasMessageContaining("REALCAST_KAFKA_CLIENT_OVERRIDES");
  }
}
