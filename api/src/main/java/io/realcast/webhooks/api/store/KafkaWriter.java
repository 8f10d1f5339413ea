package io.realcast.webhooks.api.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Blocking writes for request handlers: a write returns once Kafka acknowledged it (the producer is acks=all). */
public final class KafkaWriter implements AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final Duration timeout;

  public KafkaWriter(Producer<String, byte[]> producer, Duration timeout) {
    this.producer = producer;
    this.timeout = timeout;
  }

  /** Writes and waits for the acknowledgement; {@code value} null writes a tombstone. */
  public RecordMetadata write(String topic, String key, byte[] value) {
    return write(new ProducerRecord<>(topic, key, value));
  }

  public RecordMetadata write(ProducerRecord<String, byte[]> record) {
    return writeAll(List.of(record)).get(0);
  }

  /** Sends every record, then waits for every acknowledgement (in order, so a batch costs about one round trip). */
  public List<RecordMetadata> writeAll(List<ProducerRecord<String, byte[]>> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    records.forEach(r -> sent.add(producer.send(r)));
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RecordMetadata> written = new ArrayList<>(records.size());
    String topic = records.isEmpty() ? "" : records.get(0).topic();
    try {
      for (Future<RecordMetadata> f : sent) {
        written.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreUnavailableException("could not write to " + topic + ": " + e.getMessage(), e);
    }
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
