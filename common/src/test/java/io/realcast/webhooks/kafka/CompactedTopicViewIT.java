package io.realcast.webhooks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.embedded.SharedKafkaBroker;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against the shared broker of this JVM. common sits below the test kit, so it takes the broker from
 * {@link SharedKafkaBroker} rather than through the kit's JUnit extension.
 */
@Timeout(120)
class CompactedTopicViewIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private KafkaSettings kafka;
  private String topic;

  @BeforeEach
  void createTopics() {
    kafka = KafkaSettings.forBootstrap(SharedKafkaBroker.bootstrapServers(), new Topics(TestTopics.unique("view") + ".", RetrySchedule.DEFAULT));
    topic = kafka.topics().webhooks();
    try (Admin admin = Admin.create(kafka.adminProperties("view-test-admin"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(kafka.topics(), 2, (short) 1, Duration.ofDays(1)).stream()
          .filter(t -> t.name().equals(topic)).toList());
    }
  }

  @Test
  void shouldLoadWhatTheTopicHeldBeforeStartAndKeepOnlyTheLatestValue() throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      send(producer, "wh_1", "one");
      send(producer, "wh_2", "two");
      send(producer, "wh_1", "one, changed");
    }

    try (CompactedTopicView<String> view = view(null).start(WAIT)) {
      assertThat(view.get("wh_1")).contains("one, changed");
      assertThat(view.get("wh_2")).contains("two");
      assertThat(view.values()).containsExactlyInAnyOrder("one, changed", "two");
    }
  }

  @Test
  void shouldSeeItsOwnWriteRightAfterAwaitingItsOffset() throws Exception {
    List<String> changes = new ArrayList<>();
    try (CompactedTopicView<String> view = view((k, v) -> changes.add(k + "=" + v.orElse("deleted"))).start(WAIT);
        KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < 20; i++) {
        RecordMetadata written = send(producer, "wh_rw", "v" + i);

        view.awaitOffset(written.partition(), written.offset(), WAIT);

        assertThat(view.get("wh_rw")).contains("v" + i);
      }
      assertThat(changes).hasSize(20).endsWith("wh_rw=v19");
      assertThat(view.isHealthy()).isTrue();
    }
  }

  @Test
  void shouldDeleteOnATombstone() throws Exception {
    try (CompactedTopicView<String> view = view(null).start(WAIT); KafkaProducer<String, byte[]> producer = producer()) {
      RecordMetadata created = send(producer, "wh_del", "here");
      view.awaitOffset(created.partition(), created.offset(), WAIT);
      assertThat(view.get("wh_del")).isPresent();

      RecordMetadata deleted = producer.send(new ProducerRecord<>(topic, "wh_del", null)).get();
      view.awaitOffset(deleted.partition(), deleted.offset(), WAIT);

      assertThat(view.get("wh_del")).isEmpty();
      assertThat(view.values()).doesNotContain("here");
    }
  }

  @Test
  void shouldSkipAnUnreadableRecordAndKeepGoing() throws Exception {
    try (CompactedTopicView<String> view = new CompactedTopicView<>(topic, consumer(), bytes -> {
          String text = new String(bytes, StandardCharsets.UTF_8);
          if (text.equals("poison")) {
            throw new IllegalArgumentException("unreadable");
          }
          return text;
        }).start(WAIT);
        KafkaProducer<String, byte[]> producer = producer()) {
      send(producer, "wh_p", "good");
      send(producer, "wh_p", "poison");
      RecordMetadata last = send(producer, "wh_q", "after");

      view.awaitOffset(last.partition(), last.offset(), WAIT);

      assertThat(view.get("wh_q")).contains("after");
      assertThat(view.get("wh_p")).contains("good");
      assertThat(view.isHealthy()).isTrue();
    }
  }

  @Test
  void shouldTimeOutAwaitingAnOffsetThatIsNeverWritten() throws Exception {
    try (CompactedTopicView<String> view = view(null).start(WAIT)) {
      assertThatThrownBy(() -> view.awaitOffset(0, 1_000, Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);
    }
  }

  private CompactedTopicView<String> view(BiConsumer<String, Optional<String>> listener) {
    return listener == null
        ? new CompactedTopicView<>(topic, consumer(), bytes -> new String(bytes, StandardCharsets.UTF_8))
        : new CompactedTopicView<>(topic, consumer(), bytes -> new String(bytes, StandardCharsets.UTF_8), listener);
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(kafka.consumerProperties("view-test", null));
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(kafka.producerProperties("view-test-producer"));
  }

  private RecordMetadata send(KafkaProducer<String, byte[]> producer, String key, String value) throws Exception {
    return producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
  }
}
