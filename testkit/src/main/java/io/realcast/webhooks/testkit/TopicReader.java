package io.realcast.webhooks.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning, read_committed (as the services read), without a consumer group;
 * polls with a deadline. Open one to follow a topic across several checks, or use the one-shot statics.
 * Used by one thread.
 */
public final class TopicReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  private TopicReader(String bootstrap, String topic) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    this.partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  public static TopicReader open(String bootstrap, String topic) {
    return new TopicReader(bootstrap, topic);
  }

  /** Every record of the topic up to its end when called. */
  public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, Duration timeout) {
    try (TopicReader reader = open(bootstrap, topic)) {
      return reader.readToEnd(timeout);
    }
  }

  /** Every record read once at least {@code expected} arrived, or what was read when {@code timeout} passed. */
  public static List<ConsumerRecord<String, byte[]>> readAtLeast(String bootstrap, String topic, int expected, Duration timeout) {
    return readUntil(bootstrap, topic, records -> records.size() >= expected, timeout);
  }

  /** Every record read once {@code done} holds for them, or what was read when {@code timeout} passed. */
  public static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrap, String topic,
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    try (TopicReader reader = open(bootstrap, topic)) {
      return reader.awaitUntil(done, timeout);
    }
  }

  /** Everything read so far, after one more poll. */
  public List<ConsumerRecord<String, byte[]>> poll() {
    consumer.poll(POLL).forEach(seen::add);
    return List.copyOf(seen);
  }

  /** Polls until {@code done} holds for everything read, or {@code timeout} passes; returns what was read (the caller asserts). */
  public List<ConsumerRecord<String, byte[]>> awaitUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<String, byte[]>> all = List.copyOf(seen);
    while (!done.test(all) && System.nanoTime() < deadline) {
      all = poll();
    }
    return all;
  }

  /** Waits until {@code count} decoded values match {@code which} and returns the matching ones. */
  public <V> List<V> await(Function<byte[], V> decoder, Predicate<V> which, int count, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<V> matching = poll().stream().map(r -> decoder.apply(r.value())).filter(which).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("expected " + count + " matching records on " + topic + ", got " + matching.size() + ": " + matching);
      }
    }
  }

  /**
   * Everything up to the end offsets taken now (under read_committed, the last stable offsets: what a reader
   * can reach). Fails if that end is not reached within {@code timeout}.
   */
  public List<ConsumerRecord<String, byte[]>> readToEnd(Duration timeout) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not read " + topic + " to its end in " + timeout);
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
        seen.add(r);
      }
    }
    return seen.stream().filter(r -> r.offset() < end.get(new TopicPartition(topic, r.partition()))).toList();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
