package io.realcast.webhooks.api.store;

import java.time.Duration;
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
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
