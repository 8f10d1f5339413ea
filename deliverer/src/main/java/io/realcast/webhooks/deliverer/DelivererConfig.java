package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.net.TargetPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the deliverer is configured with, read once at start-up and validated: how much it may hold and send at
 * once ({@link Limits}), how it talks HTTP ({@link Http}), and its place in the consumer group.
 */
public record DelivererConfig(
    KafkaSettings kafka,
    String groupId,
    Limits limits,
    Http http,
    Duration retryAfterCap,
    int metricsPort,
    Duration commitInterval,
    Duration shutdownGrace,
    DisableRule disable) {

  /**
   * How much one instance holds and sends at once. See docs/DELIVERY.md, "Placement".
   *
   * @param maxInFlightPerWebhook requests in flight to one webhook at once, to begin with and at least
   * @param maxInFlightPerApp requests in flight to one app's webhooks at once
   * @param maxInFlight requests in flight on the instance
   * @param bufferCap deliveries the instance holds (waiting, in flight or being recorded) before fresh ones wait in Kafka
   * @param appBufferShare deliveries one app may hold before its fresh ones wait in Kafka (or, if its attempts make no
   *     progress, in a retry topic)
   * @param slowAfter an attempt that takes this long marks its webhook slow: what it cannot start waits in a retry topic
   * @param maxInFlightSlow requests in flight on the instance to webhooks that are slow, all together
   * @param maxInFlightPerWebhookCeiling requests in flight to one webhook at most, for a webhook without a limit of its
   *     own whose endpoint answers as fast with more (at or below {@code maxInFlightPerWebhook}: a fixed limit)
   */
  public record Limits(int maxInFlightPerWebhook, int maxInFlightPerApp, int maxInFlight, int bufferCap, int appBufferShare,
      Duration slowAfter, int maxInFlightSlow, int maxInFlightPerWebhookCeiling) {
    /** A fixed limit of {@code n} per webhook. */
    public Limits withMaxInFlightPerWebhook(int n) {
      return new Limits(n, maxInFlightPerApp, maxInFlight, bufferCap, appBufferShare, slowAfter, maxInFlightSlow, n);
    }

    public Limits withAppBufferShare(int n) {
      return new Limits(maxInFlightPerWebhook, maxInFlightPerApp, maxInFlight, bufferCap, n, slowAfter, maxInFlightSlow,
          maxInFlightPerWebhookCeiling);
    }

    public Limits withSlowAfter(Duration d) {
      return new Limits(maxInFlightPerWebhook, maxInFlightPerApp, maxInFlight, bufferCap, appBufferShare, d, maxInFlightSlow,
          maxInFlightPerWebhookCeiling);
    }
  }

  /**
   * How one attempt talks HTTP.
   *
   * @param attemptTimeout from the moment a connection is ours: send, status and body (connecting adds at most the
   *     connect timeout)
   */
  public record Http(Duration connectTimeout, Duration attemptTimeout, int maxResponseBytes, int poolSizePerHost,
      boolean allowPrivateTargets) {
    public Http withAttemptTimeout(Duration d) {
      return new Http(connectTimeout, d, maxResponseBytes, poolSizePerHost, allowPrivateTargets);
    }

    public Http withConnectTimeout(Duration d) {
      return new Http(d, attemptTimeout, maxResponseBytes, poolSizePerHost, allowPrivateTargets);
    }

    public Http withPoolSizePerHost(int n) {
      return new Http(connectTimeout, attemptTimeout, maxResponseBytes, n, allowPrivateTargets);
    }

    public Http withAllowPrivateTargets(boolean allow) {
      return new Http(connectTimeout, attemptTimeout, maxResponseBytes, poolSizePerHost, allow);
    }
  }

  public static final Setting<String> GROUP_ID =
      Setting.string("deliverer.group.id", "realcast-deliverer", "Consumer group shared by every deliverer instance");
  public static final Setting<Integer> MAX_IN_FLIGHT_PER_WEBHOOK =
      Setting.integer("deliverer.max.in.flight.per.webhook", 32, 1, 1024,
          "Requests in flight to one webhook at once, to begin with and at least (a webhook's own max_in_flight replaces it)");
  public static final Setting<Integer> MAX_IN_FLIGHT_PER_WEBHOOK_CEILING = Setting.integer(
      "deliverer.max.in.flight.per.webhook.ceiling", 64, 1, 1024, "Requests in flight to one webhook at most: a webhook "
          + "without a max_in_flight of its own goes up to it while its endpoint answers as fast with more, and back when "
          + "answers slow down or fail; at or below deliverer.max.in.flight.per.webhook, the limit is fixed. Above "
          + "deliverer.http.pool.per.host, requests only wait for a connection");
  public static final Setting<Integer> MAX_IN_FLIGHT_PER_APP = Setting.integer("deliverer.max.in.flight.per.app", 256, 1,
      100_000, "Requests in flight to one app's webhooks at once: an app with many slow webhooks cannot take every slot");
  public static final Setting<Integer> MAX_IN_FLIGHT =
      Setting.integer("deliverer.max.in.flight", 2048, 1, 100_000, "Requests in flight on one instance");
  public static final Setting<Integer> MAX_IN_FLIGHT_SLOW = Setting.integer("deliverer.max.in.flight.slow", 512, 1, 100_000,
      "Requests in flight on one instance to slow webhooks, all together: endpoints that take seconds to answer cannot "
          + "hold the slots that healthy ones need");
  public static final Setting<Integer> BUFFER_CAP = Setting.integer("deliverer.buffer.cap", 10_000, 1, 10_000_000,
      "Deliveries one instance holds (waiting, in flight or being recorded) before fresh ones wait in Kafka");
  public static final Setting<Integer> APP_BUFFER_SHARE = Setting.integer("deliverer.app.buffer.share", 2_500, 1, 10_000_000,
      "Deliveries one app may hold on an instance; beyond it its fresh ones wait in Kafka, or in a retry topic if its "
          + "attempts make no progress");
  public static final Setting<Duration> SLOW_AFTER = Setting.duration("deliverer.slow.after", "1s",
      "An attempt that takes this long marks its webhook slow: what the webhook cannot start at once waits in a retry "
          + "topic instead of in memory");
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
      Setting.integer("deliverer.http.pool.per.host", 64, 1, 4096, "HTTP/1.1 connections kept per target host");
  public static final Setting<Duration> COMMIT_INTERVAL =
      Setting.duration("deliverer.commit.interval", "1s", "How often durable progress is committed");
  public static final Setting<Duration> DISABLE_FAILING_FOR = Setting.duration("deliverer.disable.failing.for", "24h",
      "A webhook whose every attempt has failed this long (since the first failure after its last success) is disabled, "
          + "once it also has the dead letters below");
  public static final Setting<Integer> DISABLE_MIN_DEAD_LETTERS = Setting.integer("deliverer.disable.min.dead.letters", 10, 0,
      1_000_000, "Dead letters a failing webhook must have (since it began failing) before it is disabled");
  public static final Setting<Duration> SHUTDOWN_GRACE =
      Setting.duration("deliverer.shutdown.grace", "15s", "How long a stopping instance waits for attempts in flight");

  public static DelivererConfig read(ConfigSource source) {
    ConfigReader r = new ConfigReader(source);
    DelivererConfig config = new DelivererConfig(KafkaSettings.read(r), r.get(GROUP_ID),
        new Limits(r.get(MAX_IN_FLIGHT_PER_WEBHOOK), r.get(MAX_IN_FLIGHT_PER_APP), r.get(MAX_IN_FLIGHT), r.get(BUFFER_CAP),
            r.get(APP_BUFFER_SHARE), r.get(SLOW_AFTER), r.get(MAX_IN_FLIGHT_SLOW), r.get(MAX_IN_FLIGHT_PER_WEBHOOK_CEILING)),
        new Http(r.get(CONNECT_TIMEOUT), r.get(ATTEMPT_TIMEOUT), r.get(MAX_RESPONSE_BYTES), r.get(POOL_SIZE_PER_HOST),
            r.get(ALLOW_PRIVATE_TARGETS)),
        r.get(RETRY_AFTER_CAP), r.get(METRICS_PORT), r.get(COMMIT_INTERVAL), r.get(SHUTDOWN_GRACE),
        positive(r.get(DISABLE_FAILING_FOR))
            ? new DisableRule(r.get(DISABLE_FAILING_FOR), r.get(DISABLE_MIN_DEAD_LETTERS)) : DisableRule.DEFAULT);
    r.check(DISABLE_FAILING_FOR, positive(r.get(DISABLE_FAILING_FOR)), "must be positive");
    r.check(CONNECT_TIMEOUT, positive(config.http().connectTimeout()), "must be positive");
    r.check(ATTEMPT_TIMEOUT, positive(config.http().attemptTimeout()), "must be positive");
    r.check(SLOW_AFTER, positive(config.limits().slowAfter()), "must be positive");
    r.check(APP_BUFFER_SHARE, config.limits().appBufferShare() <= config.limits().bufferCap(),
        "must not be more than " + BUFFER_CAP.envName());
    r.check(MAX_IN_FLIGHT_PER_APP, config.limits().maxInFlightPerApp() <= config.limits().maxInFlight(),
        "must not be more than " + MAX_IN_FLIGHT.envName());
    r.check(MAX_IN_FLIGHT_SLOW, config.limits().maxInFlightSlow() <= config.limits().maxInFlight(),
        "must not be more than " + MAX_IN_FLIGHT.envName());
    r.validate();
    return config;
  }

  /** The settings' defaults, for a broker at {@code kafka}: for tests and the demo, which then adjust with the withers. */
  public static DelivererConfig defaults(KafkaSettings kafka) {
    DelivererConfig d = read(ConfigSource.of(Map.of()));
    return new DelivererConfig(kafka, d.groupId, d.limits, d.http, d.retryAfterCap, d.metricsPort, d.commitInterval,
        d.shutdownGrace, d.disable);
  }

  public DelivererConfig withGroupId(String id) {
    return new DelivererConfig(kafka, id, limits, http, retryAfterCap, metricsPort, commitInterval, shutdownGrace, disable);
  }

  public DelivererConfig withLimits(Limits l) {
    return new DelivererConfig(kafka, groupId, l, http, retryAfterCap, metricsPort, commitInterval, shutdownGrace, disable);
  }

  public DelivererConfig withHttp(Http h) {
    return new DelivererConfig(kafka, groupId, limits, h, retryAfterCap, metricsPort, commitInterval, shutdownGrace, disable);
  }

  public DelivererConfig withDisableRule(DisableRule rule) {
    return new DelivererConfig(kafka, groupId, limits, http, retryAfterCap, metricsPort, commitInterval, shutdownGrace, rule);
  }

  public DelivererConfig withAllowPrivateTargets(boolean allow) {
    return withHttp(http.withAllowPrivateTargets(allow));
  }

  public DelivererConfig withAttemptTimeout(Duration timeout) {
    return withHttp(http.withAttemptTimeout(timeout));
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
