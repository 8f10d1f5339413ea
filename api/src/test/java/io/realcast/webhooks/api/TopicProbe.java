package io.realcast.webhooks.api;

import io.realcast.webhooks.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads and writes topics directly, to check what the API wrote and to play the deliverer's part. */
final class TopicProbe {
  private TopicProbe() {}

  /** Every record of {@code topic} so far, once at least one matches {@code until} (or the deadline passes). */
  static List<ConsumerRecord<String, byte[]>> readUntil(KafkaSettings kafka, String topic, Predicate<List<ConsumerRecord<String, byte[]>>> until,
      Duration timeout) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("probe", null))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !until.test(all)) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
      return all;
    }
  }

  static void write(KafkaSettings kafka, String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("probe"))) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("cannot write to " + topic, e);
    }
  }
}
