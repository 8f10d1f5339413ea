package io.realcast.webhooks.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldNameEveryTopicOfTheSpec() {
    assertThat(Topics.defaults().all()).containsExactly(
        "realcast.events", "realcast.events.invalid", "realcast.webhooks", "realcast.apps", "realcast.webhooks.health",
        "realcast.deliveries.gates", "realcast.deliveries",
        "realcast.deliveries.retry.1s", "realcast.deliveries.retry.5s", "realcast.deliveries.retry.25s",
        "realcast.deliveries.dead", "realcast.attempts");
  }

  @Test
  void shouldPrefixEveryNameAndDeriveRetryTopicsFromTheSchedule() {
    Topics topics = new Topics("t1.", RetrySchedule.parse("500ms,2m"));

    assertThat(topics.all()).allMatch(name -> name.startsWith("t1.realcast."));
    assertThat(topics.retryTopics()).containsExactly("t1.realcast.deliveries.retry.500ms", "t1.realcast.deliveries.retry.2m");
    assertThat(topics.retry(Duration.ofMillis(500))).isEqualTo("t1.realcast.deliveries.retry.500ms");
  }

  @Test
  void shouldTreatANullPrefixAsNone() {
    assertThat(new Topics(null, RetrySchedule.DEFAULT).events()).isEqualTo("realcast.events");
  }

  @Test
  void shouldLayOutEveryTopicWithCompactionForRegistriesAndRetentionForLogs() {
    Topics topics = Topics.defaults();

    List<NewTopic> layout = TopicLayout.newTopics(topics, 6, (short) 3, Duration.ofDays(2));

    assertThat(layout).extracting(NewTopic::name).containsExactlyInAnyOrderElementsOf(topics.all());
    for (NewTopic t : layout) {
      assertThat(t.replicationFactor()).as(t.name()).isEqualTo((short) 3);
      boolean registry = t.name().equals(topics.webhooks()) || t.name().equals(topics.apps())
          || t.name().equals(topics.webhookHealth()) || t.name().equals(topics.gates());
      assertThat(t.numPartitions()).as(t.name()).isEqualTo(registry ? 1 : 6);
      assertThat(t.configs()).as(t.name()).containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588");
      if (registry) {
        assertThat(t.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      }
    }
    assertThat(layout).filteredOn(t -> t.name().equals(topics.dead()) || t.name().equals(topics.attempts()))
        .hasSize(2).allMatch(t -> t.configs().get(TopicConfig.RETENTION_MS_CONFIG).equals(Long.toString(Duration.ofDays(2).toMillis())));
  }

  @Test
  void shouldLetEveryProducerSendWhatEveryTopicAccepts() {
    assertThat(RecordLimits.MAX_REQUEST_BYTES).isLessThan(RecordLimits.MAX_MESSAGE_BYTES);
    assertThat(KafkaSettings.forBootstrap("127.0.0.1:1", Topics.defaults())
        .producerProperties("p")).containsEntry("max.request.size", RecordLimits.MAX_REQUEST_BYTES);
  }
}
