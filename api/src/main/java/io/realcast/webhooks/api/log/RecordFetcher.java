package io.realcast.webhooks.api.log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one record back by its position. The log keeps positions rather than bodies (a body may be up to
 * 64 KiB), and redeliveries are rare enough to afford a seek. Calls are serialized on one consumer.
 */
public final class RecordFetcher implements AutoCloseable {
  private final Consumer<String, byte[]> consumer;
  private final Duration timeout;

  public RecordFetcher(Consumer<String, byte[]> consumer, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
  }

  /** The value at {@code ref}, or empty if it is gone (retention) or could not be read in time. */
  public synchronized Optional<byte[]> fetch(RecordRef ref) {
    TopicPartition tp = new TopicPartition(ref.topic(), ref.partition());
    consumer.assign(List.of(tp));
    consumer.seek(tp, ref.offset());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() == ref.offset()) {
          return Optional.ofNullable(record.value());
        }
        if (record.offset() > ref.offset()) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
