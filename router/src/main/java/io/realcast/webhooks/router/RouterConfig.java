package io.realcast.webhooks.router;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.router.state.StreamRules;
import java.nio.file.Path;
import io.realcast.webhooks.router.commit.CommitPace;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the router reads at start-up.
 *
 * @param applicationId Kafka Streams application id: consumer group, transactional id and internal topic prefix
 * @param viewerCountInterval wall-clock period of {@code viewer.count.update} (30 s in the seed)
 * @param maxEventBytes raw events larger than this go to {@code realcast.events.invalid}
 * @param streamThreads Kafka Streams threads in this instance
 * @param commits how often a transaction is committed: the floor bounds end-to-end latency under exactly-once while
 *     the router keeps up; the ceiling is the longest interval it stretches to when its input is late
 * @param stateDir where RocksDB keeps stream state (rebuilt from the changelog when lost)
 * @param metricsPort port of {@code /metrics} and {@code /health}
 * @param events how the router treats untidy producers: early events, idle streams, duplicates, floods
 */
public record RouterConfig(
    KafkaSettings kafka,
    String applicationId,
    Duration viewerCountInterval,
    int maxEventBytes,
    int streamThreads,
    CommitPace commits,
    Path stateDir,
    String metricsHost,
    int metricsPort,
    EventRules events) {

  public static final int DEFAULT_METRICS_PORT = 9101;

  public static final Setting<String> APPLICATION_ID = Setting.string(
      "router.application.id", "realcast-router", "Kafka Streams application id of the router (its consumer group)");
  public static final Setting<Duration> VIEWER_COUNT_INTERVAL = Setting.duration(
      "router.viewer.count.interval", "30s", "Wall-clock period of viewer.count.update for every live stream");
  /**
   * At most about half of {@code max.request.size}: a delivery carries the webhook body as a JSON string, in which
   * escaping can double it, and a delivery that cannot be written stops the router (nothing valid is dropped).
   */
  public static final int MAX_EVENT_BYTES_LIMIT = 500_000;
  public static final Setting<Integer> MAX_EVENT_BYTES = Setting.integer("router.max.event.bytes",
      RawEventParser.DEFAULT_MAX_BYTES, 256, MAX_EVENT_BYTES_LIMIT,
      "Raw events larger than this are invalid (too_large); their copy in realcast.events.invalid is cut to this size");
  public static final Setting<Integer> STREAM_THREADS =
      Setting.integer("router.stream.threads", 2, 1, 64, "Kafka Streams threads per router instance");
  public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration(
      "router.commit.interval", "10ms", "Transaction commit interval (exactly-once) while the router keeps up with its "
          + "input: a delivery becomes visible to the deliverers when its transaction commits, so this sets the latency "
          + "floor (docs/BENCHMARKS.md)");
  public static final Setting<Duration> COMMIT_INTERVAL_MAX = Setting.duration(
      "router.commit.interval.max", "100ms", "Longest commit interval: when even the freshest raw events the router reads "
          + "have been more than this late for a second, it commits at what they are late by beyond it, up to this, so "
          + "that under load fewer "
          + "commits carry more deliveries (never shorter than router.commit.interval: setting only that one to more than "
          + "this gives a fixed interval)");
  public static final Setting<String> DATA_DIR = Setting.string(
      "data.dir", "", "Directory for local state; the router uses <dir>/router-state (default: the system temp dir)");
  public static final Setting<Integer> METRICS_PORT = OpsServer.portSetting("router", DEFAULT_METRICS_PORT);
  public static final Setting<Duration> EARLY_EVENT_GRACE = Setting.duration("router.early.event.grace", "10s",
      "How long viewer.joined, viewer.left and stream.offline of a stream that is not live wait for its stream.live");
  public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("router.idle.timeout", "15m",
      "A live stream without any raw event for this long ends with a stream.offline (ended_at = its last activity)");
  public static final Setting<Duration> DUPLICATE_WINDOW = Setting.duration("router.duplicate.window", "24h",
      "A raw event whose id was seen this recently is a duplicate and is not processed again; ended streams are remembered as long");
  public static final Setting<Integer> APP_EVENTS_PER_SECOND = Setting.integer("router.app.events.per.second",
      EventRules.DEFAULT_APP_EVENTS_PER_SECOND, 0, 10_000_000,
      "Raw events per second one app may have routed per partition of realcast.events; above, they are delayed (0 = no limit)");

  public RouterConfig {
    if (viewerCountInterval.isZero() || viewerCountInterval.isNegative()) {
      throw new IllegalArgumentException("viewerCountInterval must be positive");
    }
    Objects.requireNonNull(events, "events");
  }

  public static RouterConfig read(ConfigSource source) {
    ConfigReader r = new ConfigReader(source);
    KafkaSettings kafka = KafkaSettings.read(r);
    Duration interval = r.get(VIEWER_COUNT_INTERVAL);
    Duration commit = r.get(COMMIT_INTERVAL);
    Duration commitMax = r.get(COMMIT_INTERVAL_MAX);
    String dataDir = r.get(DATA_DIR);
    r.check(VIEWER_COUNT_INTERVAL, interval != null && interval.toMillis() >= 1, "must be at least 1ms");
    r.check(COMMIT_INTERVAL, commit != null && !commit.isNegative(), "must not be negative");
    r.check(COMMIT_INTERVAL_MAX, commitMax != null && !commitMax.isNegative(), "must not be negative");
    String appId = r.get(APPLICATION_ID);
    r.check(APPLICATION_ID, appId != null && appId.matches("[a-zA-Z0-9._-]+"), "must be 1 or more of [a-zA-Z0-9._-]");
    int maxBytes = r.get(MAX_EVENT_BYTES);
    int threads = r.get(STREAM_THREADS);
    String metricsHost = r.get(OpsServer.HOST);
    int metricsPort = r.get(METRICS_PORT);
    Duration grace = r.get(EARLY_EVENT_GRACE);
    Duration idle = r.get(IDLE_TIMEOUT);
    Duration window = r.get(DUPLICATE_WINDOW);
    Integer quota = r.get(APP_EVENTS_PER_SECOND);
    r.check(EARLY_EVENT_GRACE, grace != null && !grace.isNegative() && grace.compareTo(Duration.ofMinutes(10)) <= 0,
        "must be between 0 and 10m");
    r.check(IDLE_TIMEOUT, idle != null && idle.compareTo(Duration.ofSeconds(1)) >= 0, "must be at least 1s");
    r.check(DUPLICATE_WINDOW, window != null && window.compareTo(Duration.ofMinutes(1)) >= 0
        && window.compareTo(Duration.ofDays(30)) <= 0, "must be between 1m and 30d");
    r.validate();
    return new RouterConfig(kafka, appId, interval, maxBytes, threads, CommitPace.upTo(commit, commitMax), stateDirUnder(dataDir), metricsHost, metricsPort,
        new EventRules(grace, idle, window, quota));
  }

  /** The pace the settings' defaults give. */
  public static CommitPace defaultCommitPace() {
    return new CommitPace(COMMIT_INTERVAL.defaultValue(), COMMIT_INTERVAL_MAX.defaultValue());
  }

  /** Defaults around a given Kafka: for tests, the demo and the benchmark. */
  public static RouterConfig defaults(KafkaSettings kafka, Path stateDir) {
    return new RouterConfig(kafka, "realcast-router", Duration.ofSeconds(30), RawEventParser.DEFAULT_MAX_BYTES, 2,
        CommitPace.fixed(Duration.ofMillis(100)), stateDir, "127.0.0.1", 0, EventRules.DEFAULTS);
  }

  /** The stream-state timing rules: viewer-count interval, grace for early events, idle timeout. */
  public StreamRules streamRules() {
    return new StreamRules(viewerCountInterval, events.earlyEventGrace(), events.idleTimeout());
  }

  public RouterConfig withEvents(EventRules rules) {
    return new RouterConfig(kafka, applicationId, viewerCountInterval, maxEventBytes, streamThreads, commits, stateDir,
        metricsHost, metricsPort, rules);
  }

  public RouterConfig withApplicationId(String id) {
    return new RouterConfig(kafka, id, viewerCountInterval, maxEventBytes, streamThreads, commits, stateDir,
        metricsHost, metricsPort, events);
  }

  public RouterConfig withViewerCountInterval(Duration interval) {
    return new RouterConfig(kafka, applicationId, interval, maxEventBytes, streamThreads, commits, stateDir,
        metricsHost, metricsPort, events);
  }

  public RouterConfig withStreamThreads(int threads) {
    return new RouterConfig(kafka, applicationId, viewerCountInterval, maxEventBytes, threads, commits, stateDir,
        metricsHost, metricsPort, events);
  }

  public RouterConfig withCommits(CommitPace pace) {
    return new RouterConfig(kafka, applicationId, viewerCountInterval, maxEventBytes, streamThreads, pace, stateDir,
        metricsHost, metricsPort, events);
  }

  private static Path stateDirUnder(String dataDir) {
    Path base = dataDir == null || dataDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(dataDir);
    return base.resolve("router-state");
  }
}
