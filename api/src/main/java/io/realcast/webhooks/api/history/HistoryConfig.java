package io.realcast.webhooks.api.history;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the delivery history (a Kafka Streams application inside every api instance).
 *
 * @param retention how long a delivery is kept after its last activity, unless its app sets its own
 * @param stateDir where RocksDB keeps this instance's partitions; on a volume, a restart resumes instead of restoring
 * @param applicationId the Streams application id shared by every api instance of an installation
 * @param scanBudget index entries one search examines per partition before it answers with what it found
 * @param standbyReplicas warm copies of each partition on other instances, for a quick failover
 * @param evictEvery how often expired deliveries are looked for
 * @param maxReplay the most deliveries one replay may queue (a larger window is refused: narrow it)
 */
public record HistoryConfig(Duration retention, Path stateDir, String applicationId, int scanBudget, int standbyReplicas,
    Duration evictEvery, int maxReplay) {

  public static final Setting<Duration> RETENTION = Setting.duration("history.retention", "7d",
      "How long the delivery history keeps a delivery after its last activity; an app may set its own");
  public static final Setting<String> DATA_DIR = Setting.string("data.dir", "",
      "Directory for local state: the router uses <dir>/router-state, the api <dir>/api-history (default: the system temp dir)");
  public static final Setting<String> APPLICATION_ID = Setting.string("history.application.id", "",
      "Kafka Streams application id of the delivery history, shared by every api instance (default: <topic prefix>realcast-history)");
  public static final Setting<Integer> SCAN_BUDGET = Setting.integer("history.scan.budget", 20_000, 100, 10_000_000,
      "Index entries a search examines per partition before it answers with a partial page and a cursor");
  public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("history.standby.replicas", 0, 0, 8,
      "Warm copies of each history partition on other api instances (quicker failover, more disk)");
  public static final Setting<Integer> MAX_REPLAY = Setting.integer("history.replay.max", 100_000, 1, 10_000_000,
      "Most deliveries one replay or recover request may queue");

  /** Default application id of an installation: one per topic prefix, so test installations never share one. */
  public static String defaultApplicationId(Topics topics) {
    return topics.prefix() + "realcast-history";
  }

  public static HistoryConfig read(ConfigReader r, Topics topics) {
    Duration retention = r.get(RETENTION);
    String dataDir = r.get(DATA_DIR);
    String appId = r.get(APPLICATION_ID);
    String id = appId == null || appId.isBlank() ? defaultApplicationId(topics) : appId;
    r.check(APPLICATION_ID, id.matches("[a-zA-Z0-9._-]+"), "must be 1 or more of [a-zA-Z0-9._-]");
    r.check(RETENTION, retention != null && retention.toMinutes() >= 1, "must be at least 1m");
    return new HistoryConfig(retention, stateDirUnder(dataDir), id, r.get(SCAN_BUDGET), r.get(STANDBY_REPLICAS),
        Duration.ofMinutes(1), r.get(MAX_REPLAY));
  }

  /** Defaults for tests and tools: state under {@code dataDir}. */
  public static HistoryConfig defaults(Topics topics, Path dataDir) {
    return new HistoryConfig(Duration.ofDays(7), dataDir.resolve("api-history"), defaultApplicationId(topics), 20_000, 0,
        Duration.ofMinutes(1), 100_000);
  }

  public HistoryConfig withRetention(Duration newRetention) {
    return new HistoryConfig(newRetention, stateDir, applicationId, scanBudget, standbyReplicas, evictEvery, maxReplay);
  }

  public HistoryConfig withEvictEvery(Duration every) {
    return new HistoryConfig(retention, stateDir, applicationId, scanBudget, standbyReplicas, every, maxReplay);
  }

  public HistoryConfig withScanBudget(int budget) {
    return new HistoryConfig(retention, stateDir, applicationId, budget, standbyReplicas, evictEvery, maxReplay);
  }

  public HistoryConfig withStateDir(Path dir) {
    return new HistoryConfig(retention, dir, applicationId, scanBudget, standbyReplicas, evictEvery, maxReplay);
  }

  private static Path stateDirUnder(String dataDir) {
    Path base = dataDir == null || dataDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(dataDir);
    return base.resolve("api-history");
  }
}
