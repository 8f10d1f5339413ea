package io.realcast.webhooks.api;

import io.realcast.webhooks.api.history.HistoryConfig;
import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.net.TargetPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of the {@code api} service, read once at start-up.
 *
 * @param adminKey the key that manages apps; never logged ({@link #toString()} masks it)
 * @param allowPrivateTargets whether webhook URLs may point at loopback/private/link-local addresses (demo only)
 * @param rotationOverlap how long the previous secret keeps signing after a rotation (docs/RECEIVING.md)
 * @param keyRotationOverlap how long an app's previous API key keeps working after a rotation
 * @param writeTimeout how long a write waits for Kafka and for its own read-back
 */
public record ApiConfig(
    KafkaSettings kafka,
    HttpSettings http,
    String adminKey,
    boolean allowPrivateTargets,
    Duration rotationOverlap,
    Duration keyRotationOverlap,
    Duration writeTimeout,
    HistoryConfig history,
    Quotas quotas) {

  public static final Setting<Integer> PORT = HttpSettings.PORT;
  public static final Setting<String> HOST = HttpSettings.HOST;
  public static final Setting<String> ADMIN_KEY =
      Setting.secret("admin.key", "", "Bearer key that manages apps (at least 16 characters); required");
  public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = TargetPolicy.ALLOW_PRIVATE_TARGETS;
  public static final Setting<Duration> ROTATION_OVERLAP = Setting.duration("secret.rotation.overlap", "24h",
      "How long the previous secret still signs (X-RealCast-Signature-Previous) after a rotation");
  public static final Setting<Duration> KEY_ROTATION_OVERLAP = Setting.duration("api.key.rotation.overlap", "24h",
      "How long an app's previous API key keeps working after POST /v1/apps/{app}/keys/rotate (unless the request says otherwise)");
  public static final Setting<Duration> WRITE_TIMEOUT =
      Setting.duration("api.write.timeout", "15s", "How long a write waits for Kafka (acks=all) and its own read-back");

  public static final int MIN_ADMIN_KEY_LENGTH = 16;

  public static List<Setting<?>> settings() {
    return List.of(PORT, HOST, ADMIN_KEY, ALLOW_PRIVATE_TARGETS, ROTATION_OVERLAP, KEY_ROTATION_OVERLAP, WRITE_TIMEOUT);
  }

  public static ApiConfig read(ConfigSource source) {
    ConfigReader r = new ConfigReader(source);
    KafkaSettings kafka = KafkaSettings.read(r);
    ApiConfig config = new ApiConfig(kafka, HttpSettings.read(r), r.get(ADMIN_KEY), r.get(ALLOW_PRIVATE_TARGETS),
        r.get(ROTATION_OVERLAP), r.get(KEY_ROTATION_OVERLAP), r.get(WRITE_TIMEOUT), HistoryConfig.read(r, kafka.topics()),
        Quotas.read(r));
    String key = config.adminKey() == null ? "" : config.adminKey();
    r.check(ADMIN_KEY, key.length() >= MIN_ADMIN_KEY_LENGTH, "must be set, at least " + MIN_ADMIN_KEY_LENGTH + " characters");
    check(r, ROTATION_OVERLAP, config.rotationOverlap());
    check(r, WRITE_TIMEOUT, config.writeTimeout());
    r.check(KEY_ROTATION_OVERLAP, config.keyRotationOverlap() != null && !config.keyRotationOverlap().isNegative(),
        "must not be negative");
    r.validate();
    return config;
  }

  /** Defaults around a given Kafka and admin key, history state under {@code dataDir}: tests, tools, the demo's pieces. */
  public static ApiConfig defaults(KafkaSettings kafka, String adminKey, Path dataDir) {
    return new ApiConfig(kafka, HttpSettings.local(), adminKey, false, Duration.ofHours(24), Duration.ofHours(24),
        Duration.ofSeconds(30), HistoryConfig.defaults(kafka.topics(), dataDir), Quotas.DEFAULTS);
  }

  private static void check(ConfigReader r, Setting<Duration> setting, Duration value) {
    if (value != null) {
      r.check(setting, !value.isNegative() && !value.isZero(), "must be positive");
    }
  }

  public String host() {
    return http.host();
  }

  public int port() {
    return http.port();
  }

  /** The same configuration listening elsewhere: tests and the demo pick port 0. */
  public ApiConfig withPort(int newPort) {
    return withHttp(http.withPort(newPort));
  }

  public ApiConfig withHttp(HttpSettings newHttp) {
    return new ApiConfig(kafka, newHttp, adminKey, allowPrivateTargets, rotationOverlap, keyRotationOverlap, writeTimeout, history,
        quotas);
  }

  public ApiConfig withAllowPrivateTargets(boolean allow) {
    return new ApiConfig(kafka, http, adminKey, allow, rotationOverlap, keyRotationOverlap, writeTimeout, history, quotas);
  }

  public ApiConfig withHistory(HistoryConfig newHistory) {
    return new ApiConfig(kafka, http, adminKey, allowPrivateTargets, rotationOverlap, keyRotationOverlap, writeTimeout, newHistory,
        quotas);
  }

  public ApiConfig withQuotas(Quotas newQuotas) {
    return new ApiConfig(kafka, http, adminKey, allowPrivateTargets, rotationOverlap, keyRotationOverlap, writeTimeout, history,
        newQuotas);
  }

  @Override
  public String toString() {
    return "ApiConfig[kafka=" + kafka.bootstrap() + ", http=" + http + ", adminKey=****, allowPrivateTargets="
        + allowPrivateTargets + ", rotationOverlap=" + rotationOverlap + ", keyRotationOverlap=" + keyRotationOverlap
        + ", writeTimeout=" + writeTimeout + ", history=" + history + ", quotas=" + quotas + "]";
  }
}
