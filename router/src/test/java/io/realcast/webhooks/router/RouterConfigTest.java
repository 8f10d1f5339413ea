package io.realcast.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.router.commit.CommitPace;
import io.realcast.webhooks.router.internal.StreamsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RouterConfigTest {
  @Test
  void shouldUseTheDocumentedDefaults() {
    RouterConfig c = RouterConfig.read(ConfigSource.of(Map.of()));

    assertThat(c.applicationId()).isEqualTo("realcast-router");
    assertThat(c.viewerCountInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.maxEventBytes()).isEqualTo(64 * 1024);
    assertThat(c.commits()).isEqualTo(new CommitPace(Duration.ofMillis(10), Duration.ofMillis(100)));
    assertThat(c.metricsPort()).isEqualTo(9101);
    assertThat(c.kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(c.events()).isEqualTo(EventRules.DEFAULTS)
        .isEqualTo(RouterConfig.defaults(c.kafka(), Path.of("x")).events());
    assertThat(c.events().earlyEventGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.events().idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.events().duplicateWindow()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void shouldReadTheCommitPace() {
    RouterConfig c = RouterConfig.read(ConfigSource.of(Map.of("REALCAST_ROUTER_COMMIT_INTERVAL", "20ms",
        "REALCAST_ROUTER_COMMIT_INTERVAL_MAX", "250ms")));

    assertThat(c.commits()).isEqualTo(new CommitPace(Duration.ofMillis(20), Duration.ofMillis(250)));
  }

  @Test
  void shouldCommitAtAFixedIntervalWhenOnlyTheIntervalIsRaisedAboveTheDefaultMaximum() {
    RouterConfig c = RouterConfig.read(ConfigSource.of(Map.of("REALCAST_ROUTER_COMMIT_INTERVAL", "200ms")));

    assertThat(c.commits()).isEqualTo(CommitPace.fixed(Duration.ofMillis(200)));
    assertThat(c.commits().adapts()).isFalse();
  }

  @Test
  void shouldReadTheEventRules() {
    RouterConfig c = RouterConfig.read(ConfigSource.of(Map.of("REALCAST_ROUTER_EARLY_EVENT_GRACE", "2s",
        "REALCAST_ROUTER_IDLE_TIMEOUT", "5m", "REALCAST_ROUTER_DUPLICATE_WINDOW", "1h", "REALCAST_ROUTER_APP_EVENTS_PER_SECOND", "0")));

    assertThat(c.events()).isEqualTo(new EventRules(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1), 0));
    assertThat(c.streamRules().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldRefuseEventRulesOutOfRange() {
    assertThatThrownBy(() -> RouterConfig.read(ConfigSource.of(Map.of("REALCAST_ROUTER_EARLY_EVENT_GRACE", "-1s",
        "REALCAST_ROUTER_IDLE_TIMEOUT", "0s", "REALCAST_ROUTER_DUPLICATE_WINDOW", "90d", "REALCAST_ROUTER_MAX_EVENT_BYTES", "1000000"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4));
  }

  @Test
  void shouldReadTheEnvironment() {
    RouterConfig c = RouterConfig.read(ConfigSource.of(Map.of("REALCAST_ROUTER_VIEWER_COUNT_INTERVAL", "500ms",
        "REALCAST_DATA_DIR", "/var/lib/realcast", "REALCAST_ROUTER_METRICS_PORT", "9200", "REALCAST_ROUTER_STREAM_THREADS", "4")));

    assertThat(c.viewerCountInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/realcast/router-state"));
    assertThat(c.metricsPort()).isEqualTo(9200);
    assertThat(c.streamThreads()).isEqualTo(4);
  }

  @Test
  void shouldNameEveryBadSetting() {
    assertThatThrownBy(() -> RouterConfig.read(ConfigSource.of(Map.of("REALCAST_ROUTER_VIEWER_COUNT_INTERVAL", "soon",
        "REALCAST_ROUTER_STREAM_THREADS", "0", "REALCAST_ROUTER_APPLICATION_ID", "bad id!"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3)
            .anySatisfy(p -> assertThat(p).startsWith("REALCAST_ROUTER_VIEWER_COUNT_INTERVAL"))
            .anySatisfy(p -> assertThat(p).startsWith("REALCAST_ROUTER_STREAM_THREADS"))
            .anySatisfy(p -> assertThat(p).startsWith("REALCAST_ROUTER_APPLICATION_ID")));
  }

  @Test
  void shouldRunExactlyOnceWithExplicitHandlers() {
    Properties p = streamsProperties(Map.of());

    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p).containsKeys(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
  }

  @Test
  void shouldLetTheCommitSendATransactionsRecords() {
    assertThat(producerLingerMillis(Map.of())).as("lingers at least as long as a transaction stays open")
        .isGreaterThanOrEqualTo(RouterConfig.read(ConfigSource.of(Map.of())).commits().ceiling().toMillis());
    assertThat(producerLingerMillis(Map.of("REALCAST_KAFKA_CLIENT_OVERRIDES", "linger.ms=5")))
        .as("an operator's override wins").isEqualTo(5);
  }

  /** The linger the stream threads' producers get, as Kafka Streams resolves it from the router's properties. */
  private static long producerLingerMillis(Map<String, String> env) {
    Object linger = new StreamsConfig(streamsProperties(env)).getProducerConfigs("test").get(ProducerConfig.LINGER_MS_CONFIG);
    return Long.parseLong(String.valueOf(linger));
  }

  private static Properties streamsProperties(Map<String, String> env) {
    return StreamsProperties.of(RouterConfig.read(ConfigSource.of(env)), new RouterMetrics(new SimpleMeterRegistry()));
  }
}
