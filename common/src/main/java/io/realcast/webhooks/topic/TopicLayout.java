package io.realcast.webhooks.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** How each topic is created: partitions, replication, compaction and retention. */
public final class TopicLayout {
  private TopicLayout() {}

  public static List<NewTopic> newTopics(Topics topics, int partitions, short replication, Duration logRetention) {
    Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    Map<String, String> retained = Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(logRetention.toMillis()));
    List<NewTopic> all = new ArrayList<>();
    all.add(new NewTopic(topics.events(), partitions, replication));
    all.add(new NewTopic(topics.eventsInvalid(), partitions, replication));
    // Registries are small and read whole by every instance: one partition keeps them in write order.
    all.add(new NewTopic(topics.webhooks(), 1, replication).configs(compacted));
    all.add(new NewTopic(topics.apps(), 1, replication).configs(compacted));
    all.add(new NewTopic(topics.deliveries(), partitions, replication));
    topics.retryTopics().forEach(t -> all.add(new NewTopic(t, partitions, replication)));
    all.add(new NewTopic(topics.dead(), partitions, replication).configs(retained));
    all.add(new NewTopic(topics.attempts(), partitions, replication).configs(retained));
    return all;
  }
}
