package io.realcast.webhooks.api;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.testkit.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Reads (through the test kit's reader) and writes topics directly, to check what the API wrote and to play the deliverer's part. */
final class TopicProbe {
  private TopicProbe() {}

  /** Every record of {@code topic} so far, once {@code until} holds for them (or the deadline passes). */
  static List<ConsumerRecord<String, byte[]>> readUntil(KafkaSettings kafka, String topic, Predicate<List<ConsumerRecord<String, byte[]>>> until,
      Duration timeout) {
    return TopicReader.readUntil(kafka.bootstrap(), topic, until, timeout);
  }

  static void write(KafkaSettings kafka, String topic, String key, byte[] value) {
    writeAll(kafka, List.of(new ProducerRecord<>(topic, key, value)));
  }

  /** Writes the records in order with one producer and waits until every one is acknowledged. */
  static void writeAll(KafkaSettings kafka, List<ProducerRecord<String, byte[]>> records) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("probe"))) {
      List<Future<?>> sent = new ArrayList<>();
      records.forEach(r -> sent.add(producer.send(r)));
      for (Future<?> f : sent) {
        f.get();
      }
    } catch (Exception e) {
      throw new AssertionError("cannot write " + records.size() + " records", e);
    }
  }
}
