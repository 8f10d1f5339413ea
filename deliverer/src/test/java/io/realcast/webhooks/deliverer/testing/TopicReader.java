package io.realcast.webhooks.deliverer.testing;

import io.realcast.webhooks.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic from the beginning, decoding each value; used only by the test thread. */
public final class TopicReader<V> implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Function<byte[], V> decoder;
  private final List<V> seen = new ArrayList<>();

  public TopicReader(KafkaSettings kafka, String topic, Function<byte[], V> decoder) {
    this.consumer = new KafkaConsumer<>(kafka.consumerProperties("test-reader-" + topic, null));
    this.decoder = decoder;
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Everything read so far, after one more poll. */
  public List<V> all() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
      seen.add(decoder.apply(r.value()));
    }
    return List.copyOf(seen);
  }

  /** Waits until {@code count} records match and returns the matching ones. */
  public List<V> await(Predicate<V> which, int count, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<V> matching = all().stream().filter(which).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("expected " + count + " records, got " + matching.size() + ": " + matching);
      }
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
