package io.realcast.webhooks.api;

import io.realcast.webhooks.net.TargetPolicy;
import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of the {@code api} service, read once at start-up.
 *
 * @param adminKey the key that manages apps; never logged ({@link #toString()} masks it)
 * @param allowPrivateTargets whether webhook URLs may point at loopback/private/link-local addresses (demo only)
 * @param rotationOverlap how long the previous secret keeps signing after a rotation (docs/RECEIVING.md)
 * @param logRetention how far back the in-memory delivery log reaches
 * @param logMaxPerWebhook how many deliveries the log keeps per webhook, newest kept
 * @param writeTimeout how long a write waits for Kafka and for its own read-back
 */
public record ApiConfig(
    KafkaSettings kafka,
    String host,
    int port,
    String adminKey,
    boolean allowPrivateTargets,
    Duration rotationOverlap,
    Duration logRetention,
    int logMaxPerWebhook,
    Duration writeTimeout) {

  public static final Setting<Integer> PORT = Setting.integer("api.port", 8080, 0, 65_535, "Port of the REST API, dashboard, /metrics and /health");
  public static final Setting<String> HOST =
      Setting.string("api.host", "127.0.0.1", "Address the API binds to; 0.0.0.0 in containers");
  public static final Setting<String> ADMIN_KEY =
      Setting.secret("admin.key", "", "Bearer key that manages apps (at least 16 characters); required");
  public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = TargetPolicy.ALLOW_PRIVATE_TARGETS;
  public static final Setting<Duration> ROTATION_OVERLAP = Setting.duration("secret.rotation.overlap", "24h",
      "How long the previous secret still signs (X-RealCast-Signature-Previous) after a rotation");
  public static final Setting<Duration> LOG_RETENTION =
      Setting.duration("api.log.retention", "7d", "How far back the in-memory delivery log and stats reach");
  public static final Setting<Integer> LOG_MAX_PER_WEBHOOK = Setting.integer("api.log.max-per-webhook", 1000, 10, 1_000_000,
      "Most recent deliveries the delivery log keeps per webhook");
  public static final Setting<Duration> WRITE_TIMEOUT =
      Setting.duration("api.write.timeout", "15s", "How long a write waits for Kafka (acks=all) and its own read-back");

  public static final int MIN_ADMIN_KEY_LENGTH = 16;

  public static List<Setting<?>> settings() {
    return List.of(PORT, HOST, ADMIN_KEY, ALLOW_PRIVATE_TARGETS, ROTATION_OVERLAP, LOG_RETENTION, LOG_MAX_PER_WEBHOOK, WRITE_TIMEOUT);
  }

  public static ApiConfig read(ConfigSource source) {
    ConfigReader r = new ConfigReader(source);
    ApiConfig config = new ApiConfig(KafkaSettings.read(r), r.get(HOST), r.get(PORT), r.get(ADMIN_KEY),
        r.get(ALLOW_PRIVATE_TARGETS), r.get(ROTATION_OVERLAP), r.get(LOG_RETENTION), r.get(LOG_MAX_PER_WEBHOOK),
        r.get(WRITE_TIMEOUT));
    String key = config.adminKey() == null ? "" : config.adminKey();
    r.check(ADMIN_KEY, key.length() >= MIN_ADMIN_KEY_LENGTH, "must be set, at least " + MIN_ADMIN_KEY_LENGTH + " characters");
    r.check(HOST, config.host() != null && !config.host().isBlank(), "must not be empty");
    check(r, ROTATION_OVERLAP, config.rotationOverlap());
    check(r, LOG_RETENTION, config.logRetention());
    check(r, WRITE_TIMEOUT, config.writeTimeout());
    r.validate();
    return config;
  }

  private static void check(ConfigReader r, Setting<Duration> setting, Duration value) {
    if (value != null) {
      r.check(setting, !value.isNegative() && !value.isZero(), "must be positive");
    }
  }

  /** The same configuration listening elsewhere: tests and the demo pick port 0. */
  public ApiConfig withPort(int newPort) {
    return new ApiConfig(kafka, host, newPort, adminKey, allowPrivateTargets, rotationOverlap, logRetention, logMaxPerWebhook,
        writeTimeout);
  }

  @Override
  public String toString() {
    return "ApiConfig[kafka=" + kafka.bootstrap() + ", host=" + host + ", port=" + port + ", adminKey=****, allowPrivateTargets="
        + allowPrivateTargets + ", rotationOverlap=" + rotationOverlap + ", logRetention=" + logRetention
        + ", logMaxPerWebhook=" + logMaxPerWebhook + ", writeTimeout=" + writeTimeout + "]";
  }
}
