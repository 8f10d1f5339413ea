package io.realcast.webhooks.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How each topic is created: partitions, replication, compaction, retention, and the largest record it
 * accepts ({@link RecordLimits#MAX_MESSAGE_BYTES}, set on every topic).
 */
public final class TopicLayout {
  private TopicLayout() {}

  public static List<NewTopic> newTopics(Topics topics, int partitions, short replication, Duration logRetention) {
    Map<String, String> plain = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RecordLimits.MAX_MESSAGE_BYTES));
    Map<String, String> compacted = with(plain, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    Map<String, String> retained = with(plain, TopicConfig.RETENTION_MS_CONFIG, Long.toString(logRetention.toMillis()));
    List<NewTopic> all = new ArrayList<>();
    all.add(new NewTopic(topics.events(), partitions, replication).configs(plain));
    all.add(new NewTopic(topics.eventsInvalid(), partitions, replication).configs(plain));
    // Registries are small and read whole by every instance: one partition keeps them in write order.
    all.add(new NewTopic(topics.webhooks(), 1, replication).configs(compacted));
    all.add(new NewTopic(topics.apps(), 1, replication).configs(compacted));
    all.add(new NewTopic(topics.webhookHealth(), 1, replication).configs(compacted));
    all.add(new NewTopic(topics.gates(), 1, replication).configs(compacted));
    all.add(new NewTopic(topics.deliveries(), partitions, replication).configs(plain));
    topics.retryTopics().forEach(t -> all.add(new NewTopic(t, partitions, replication).configs(plain)));
    all.add(new NewTopic(topics.dead(), partitions, replication).configs(retained));
    all.add(new NewTopic(topics.attempts(), partitions, replication).configs(retained));
    return all;
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> configs = new HashMap<>(base);
    configs.put(key, value);
    return Map.copyOf(configs);
  }
}
