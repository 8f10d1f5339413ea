package io.realcast.webhooks.kafka.embedded.internal;

import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The one place where broker options become Kafka broker settings. */
public final class BrokerSettings {
  public static final String HOST = "127.0.0.1";
  public static final int NODE_ID = 1;
  private static final String MEBIBYTE = String.valueOf(1024 * 1024);

  private BrokerSettings() {}

  /** Settings for a combined broker+controller node; ports must already be resolved (not 0). */
  public static Map<String, String> of(
      BrokerOptions options, Path logDirectory, int brokerPort, int controllerPort) {
    Map<String, String> settings = new TreeMap<>();
    settings.putAll(node(logDirectory, brokerPort, controllerPort));
    settings.putAll(singleReplica());
    settings.putAll(fastStartAndRestart());
    settings.putAll(smallFootprint());
    settings.put("num.partitions", String.valueOf(options.defaultPartitions()));
    settings.put("auto.create.topics.enable", String.valueOf(options.autoCreateTopics()));
    settings.putAll(options.brokerOverrides());
    return settings;
  }

  private static Map<String, String> node(Path logDirectory, int brokerPort, int controllerPort) {
    return Map.of(
        "process.roles",
        "broker,controller",
        "node.id",
        String.valueOf(NODE_ID),
        // Static quorum: the voter's address comes from this setting at every start, not from
        // the formatted log, so a kept data directory can come back on different ports.
        "controller.quorum.voters",
        NODE_ID + "@" + HOST + ":" + controllerPort,
        "controller.listener.names",
        "CONTROLLER",
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort,
        "advertised.listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort,
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name",
        "PLAINTEXT",
        "log.dirs",
        logDirectory.toString());
  }

  /** Internal topics default to three replicas; one node has one, and EOS Streams needs them. */
  private static Map<String, String> singleReplica() {
    return Map.of(
        "default.replication.factor", "1",
        "min.insync.replicas", "1",
        "offsets.topic.replication.factor", "1",
        "offsets.topic.num.partitions", "5",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        "transaction.state.log.num.partitions", "5",
        "share.coordinator.state.topic.replication.factor", "1",
        "share.coordinator.state.topic.min.isr", "1");
  }

  private static Map<String, String> fastStartAndRestart() {
    return Map.of(
        "group.initial.rebalance.delay.ms", "0",
        // A restarted node re-registers sooner; the heartbeat must stay below the session.
        "broker.session.timeout.ms", "3000",
        "broker.heartbeat.interval.ms", "500",
        // Fail a start that cannot catch up instead of waiting forever (default: no limit).
        "server.max.startup.time.ms", "60000");
  }

  /** Test data is small; the defaults size buffers and files for production volumes. */
  private static Map<String, String> smallFootprint() {
    return Map.of(
        "log.segment.bytes",
        String.valueOf(8 * 1024 * 1024),
        "log.index.size.max.bytes",
        MEBIBYTE,
        "offsets.topic.segment.bytes",
        String.valueOf(8 * 1024 * 1024),
        "transaction.state.log.segment.bytes",
        String.valueOf(8 * 1024 * 1024),
        // The cleaner allocates this on the heap (default 128 MiB), too much for a 512 MiB child.
        "log.cleaner.dedupe.buffer.size",
        String.valueOf(4 * 1024 * 1024),
        "num.network.threads",
        "2",
        "num.io.threads",
        "4",
        "num.recovery.threads.per.data.dir",
        "1");
  }
}
