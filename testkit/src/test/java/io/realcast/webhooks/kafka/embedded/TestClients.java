package io.realcast.webhooks.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the tests of this module, each against a given broker. */
final class TestClients {
  private TestClients() {}

  /** Creates {@code topic} and returns once every partition takes writes. */
  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      awaitLeaders(admin, topic, partitions, Duration.ofSeconds(30));
    }
  }

  /*
   * Kafka 4.4 lets an idempotent producer lose its first batch to a partition created a moment
   * earlier (KAFKA-15591, fixed in 4.5): that batch fails while the broker still sets the
   * partition up, a later in-flight batch is accepted because the partition has no producer state
   * yet, and every retry of the first one is then out of sequence until delivery.timeout.ms. Seen
   * here under disk load. ListOffsets is answered by the partition's leader replica, so once it
   * succeeds for every partition, writes are safe.
   */
  private static void awaitLeaders(Admin admin, String topic, int partitions, Duration timeout)
      throws InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException notYet) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "partitions of " + topic + " have no leader after " + timeout, notYet);
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
  }

  /** acks=all with idempotence: the settings whose promises the tests check. */
  static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
  }

  /**
   * Reads {@code topic} from the beginning until {@code done} holds for what was read, or throws
   * once {@code timeout} has passed.
   */
  static List<ConsumerRecord<String, String>> consumeUntil(
      String bootstrap,
      String topic,
      Predicate<List<ConsumerRecord<String, String>>> done,
      Duration timeout) {
    return consumeUntil(bootstrap, topic, Map.of(), done, timeout);
  }

  static List<ConsumerRecord<String, String>> consumeUntil(
      String bootstrap,
      String topic,
      Map<String, Object> extra,
      Predicate<List<ConsumerRecord<String, String>>> done,
      Duration timeout) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(read)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "read " + read.size() + " records from " + topic + " in " + timeout + ", not enough");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }
}
