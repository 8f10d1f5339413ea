package io.realcast.webhooks.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerIT {

  @Test
  @Timeout(60)
  void shouldConsumeBackEveryRecordProducedWithAcksAll(EmbeddedKafkaBroker broker)
      throws Exception {
    String topic = TestTopics.unique("roundtrip");
    TestClients.createTopic(broker.bootstrapServers(), topic, 3);

    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        TestClients.producer(broker.bootstrapServers(), Map.of())) {
      for (int i = 0; i < 1_000; i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    }

    List<ConsumerRecord<String, String>> read =
        TestClients.consumeUntil(
            broker.bootstrapServers(),
            topic,
            records -> records.size() >= 1_000,
            Duration.ofSeconds(30));
    assertThat(read).extracting(ConsumerRecord::value).hasSize(1_000).doesNotHaveDuplicates();
    assertThat(read).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
  }

  @Test
  @Timeout(60)
  void shouldCommitAndAbortTransactionsOnASingleNode(@BootstrapServers String bootstrap)
      throws Exception {
    String topic = TestTopics.unique("transactions");
    TestClients.createTopic(bootstrap, topic, 1);

    Map<String, Object> transactional = Map.of("transactional.id", TestTopics.unique("tx"));
    try (KafkaProducer<String, String> producer = TestClients.producer(bootstrap, transactional)) {
      producer.initTransactions();
      sendInTransaction(producer, topic, "committed", 10);
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted"));
      producer.flush();
      producer.abortTransaction();
      sendInTransaction(producer, topic, "end", 1);
    }

    List<ConsumerRecord<String, String>> read =
        TestClients.consumeUntil(
            bootstrap,
            topic,
            Map.of("isolation.level", "read_committed"),
            records -> records.stream().anyMatch(record -> record.value().startsWith("end")),
            Duration.ofSeconds(30));
    assertThat(read)
        .extracting(ConsumerRecord::value)
        .hasSize(11)
        .noneMatch(v -> v.startsWith("aborted"));
  }

  private static void sendInTransaction(
      KafkaProducer<String, String> producer, String topic, String prefix, int count) {
    producer.beginTransaction();
    for (int i = 0; i < count; i++) {
      producer.send(new ProducerRecord<>(topic, prefix + "-" + i));
    }
    producer.commitTransaction();
  }

  @Test
  @Timeout(60)
  void shouldServeOnLoopbackOnly(@BootstrapServers String bootstrap) {
    assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
  }

  @Test
  @Timeout(60)
  void shouldNotCreateTopicsThatClientsAskFor(@BootstrapServers String bootstrap) throws Exception {
    String missing = TestTopics.unique("missing");
    // A consumer asks the broker to auto-create every topic it looks up, unless told not to.
    Map<String, Object> settings =
        Map.of("bootstrap.servers", bootstrap, "allow.auto.create.topics", true);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      assertThat(consumer.partitionsFor(missing, Duration.ofSeconds(10))).isEmpty();
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(missing);
    }
  }
}
