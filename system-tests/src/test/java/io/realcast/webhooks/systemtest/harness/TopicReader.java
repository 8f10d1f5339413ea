package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic, read_committed (as the deliverer reads), up to its end at the time of the call. */
public final class TopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TopicReader() {}

  public static List<ConsumerRecord<String, byte[]>> readAll(KafkaSettings kafka, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("system-test-reader", null))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Under read_committed the end offsets are the last stable offsets: what the reader can reach.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end in " + TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(topic, r.partition()))) {
            records.add(r);
          }
        }
      }
      return records;
    }
  }
}
