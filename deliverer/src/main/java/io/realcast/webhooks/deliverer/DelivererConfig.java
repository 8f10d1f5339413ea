package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.net.TargetPolicy;
import java.time.Duration;

/**
 * Everything the deliverer is configured with, read once at start-up and validated.
 *
 * @param maxInFlightPerWebhook requests in flight to one subscription at once
 * @param webhookQueueCap records waiting for one subscription before the overflow is deferred to the
 *     first retry topic (so a slow endpoint cannot fill the buffer and starve the others)
 * @param bufferCap records held by this instance (queued, in flight, being recorded) before it stops fetching
 */
public record DelivererConfig(
    KafkaSettings kafka,
    String groupId,
    int maxInFlightPerWebhook,
    int webhookQueueCap,
    int bufferCap,
    Duration connectTimeout,
    Duration attemptTimeout,
    int maxResponseBytes,
    Duration retryAfterCap,
    boolean allowPrivateTargets,
    int metricsPort,
    int poolSizePerHost,
    Duration commitInterval,
    Duration shutdownGrace) {

  public static final Setting<String> GROUP_ID =
      Setting.string("deliverer.group.id", "realcast-deliverer", "Consumer group shared by every deliverer instance");
  public static final Setting<Integer> MAX_IN_FLIGHT_PER_WEBHOOK =
      Setting.integer("deliverer.max.in.flight.per.webhook", 16, 1, 1024, "Requests in flight to one webhook at once");
  public static final Setting<Integer> WEBHOOK_QUEUE_CAP = Setting.integer("deliverer.webhook.queue.cap", 256, 1, 1_000_000,
      "Records waiting for one webhook before the overflow is deferred to the first retry topic");
  public static final Setting<Integer> BUFFER_CAP = Setting.integer("deliverer.buffer.cap", 10_000, 1, 10_000_000,
      "Records held by one instance before it stops fetching until half of them are done");
  public static final Setting<Duration> CONNECT_TIMEOUT =
      Setting.duration("deliverer.connect.timeout", "5s", "TCP (and TLS) connect timeout of one attempt");
  public static final Setting<Duration> ATTEMPT_TIMEOUT =
      Setting.duration("deliverer.attempt.timeout", "10s", "Attempt timeout from the moment a connection is ours: send, status and body (connecting adds at most the connect timeout)");
  public static final Setting<Integer> MAX_RESPONSE_BYTES = Setting.integer("deliverer.max.response.bytes", 65_536, 0, 16 << 20,
      "Response body bytes read at most; the connection is closed beyond");
  public static final Setting<Duration> RETRY_AFTER_CAP =
      Setting.duration("deliverer.retry.after.cap", "5m", "Longest Retry-After (on 429/503) that is honoured");
  public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = TargetPolicy.ALLOW_PRIVATE_TARGETS;
  public static final Setting<Integer> METRICS_PORT = OpsServer.portSetting("deliverer", 9102);
  public static final Setting<Integer> POOL_SIZE_PER_HOST =
      Setting.integer("deliverer.http.pool.per.host", 32, 1, 4096, "HTTP/1.1 connections kept per target host");
  public static final Setting<Duration> COMMIT_INTERVAL =
      Setting.duration("deliverer.commit.interval", "1s", "How often durable progress is committed");
  public static final Setting<Duration> SHUTDOWN_GRACE =
      Setting.duration("deliverer.shutdown.grace", "15s", "How long a stopping instance waits for attempts in flight");

  public static DelivererConfig read(ConfigSource source) {
    ConfigReader r = new ConfigReader(source);
    DelivererConfig config = new DelivererConfig(KafkaSettings.read(r), r.get(GROUP_ID), r.get(MAX_IN_FLIGHT_PER_WEBHOOK),
        r.get(WEBHOOK_QUEUE_CAP), r.get(BUFFER_CAP), r.get(CONNECT_TIMEOUT), r.get(ATTEMPT_TIMEOUT), r.get(MAX_RESPONSE_BYTES),
        r.get(RETRY_AFTER_CAP), r.get(ALLOW_PRIVATE_TARGETS), r.get(METRICS_PORT), r.get(POOL_SIZE_PER_HOST),
        r.get(COMMIT_INTERVAL), r.get(SHUTDOWN_GRACE));
    r.check(CONNECT_TIMEOUT, positive(config.connectTimeout()), "must be positive");
    r.check(ATTEMPT_TIMEOUT, positive(config.attemptTimeout()), "must be positive");
    r.check(BUFFER_CAP, config.bufferCap() >= config.webhookQueueCap(), "must be at least " + WEBHOOK_QUEUE_CAP.envName());
    r.validate();
    return config;
  }

  /** Defaults for a broker at {@code kafka}: for tests and the demo, which then adjust with the withers. */
  public static DelivererConfig defaults(KafkaSettings kafka) {
    return new DelivererConfig(kafka, "realcast-deliverer", 16, 256, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(10),
        65_536, Duration.ofMinutes(5), false, 9102, 32, Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  public DelivererConfig withGroupId(String id) {
    return new DelivererConfig(kafka, id, maxInFlightPerWebhook, webhookQueueCap, bufferCap, connectTimeout, attemptTimeout,
        maxResponseBytes, retryAfterCap, allowPrivateTargets, metricsPort, poolSizePerHost, commitInterval, shutdownGrace);
  }

  public DelivererConfig withAllowPrivateTargets(boolean allow) {
    return new DelivererConfig(kafka, groupId, maxInFlightPerWebhook, webhookQueueCap, bufferCap, connectTimeout, attemptTimeout,
        maxResponseBytes, retryAfterCap, allow, metricsPort, poolSizePerHost, commitInterval, shutdownGrace);
  }

  public DelivererConfig withAttemptTimeout(Duration timeout) {
    return new DelivererConfig(kafka, groupId, maxInFlightPerWebhook, webhookQueueCap, bufferCap, connectTimeout, timeout,
        maxResponseBytes, retryAfterCap, allowPrivateTargets, metricsPort, poolSizePerHost, commitInterval, shutdownGrace);
  }

  public DelivererConfig withPoolSizePerHost(int connections) {
    return new DelivererConfig(kafka, groupId, maxInFlightPerWebhook, webhookQueueCap, bufferCap, connectTimeout, attemptTimeout,
        maxResponseBytes, retryAfterCap, allowPrivateTargets, metricsPort, connections, commitInterval, shutdownGrace);
  }

  public DelivererConfig withLimits(int maxInFlight, int queueCap, int buffer) {
    return new DelivererConfig(kafka, groupId, maxInFlight, queueCap, buffer, connectTimeout, attemptTimeout,
        maxResponseBytes, retryAfterCap, allowPrivateTargets, metricsPort, poolSizePerHost, commitInterval, shutdownGrace);
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
