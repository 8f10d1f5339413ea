package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.event.RawEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the scenario's raw events at a steady pace in the background, so faults can strike mid-load.
 * Each event enters the ledger before it is sent.
 */
public final class Publisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Ledger ledger;
  private final AtomicInteger acknowledged = new AtomicInteger();

  public Publisher(KafkaSettings kafka, Ledger ledger) {
    this.producer = new KafkaProducer<>(kafka.producerProperties("system-test-publisher"));
    this.topic = kafka.topics().events();
    this.ledger = ledger;
  }

  /** Sends {@code events} spread evenly over {@code over}; completes when Kafka acknowledged them all. */
  public CompletableFuture<Void> publish(List<RawEvent> events, Duration over) {
    return CompletableFuture.runAsync(() -> {
      long start = System.nanoTime();
      long step = over.toNanos() / Math.max(1, events.size());
      for (int i = 0; i < events.size(); i++) {
        RawEvent event = events.get(i);
        ledger.expect(event);
        // Pacing shapes the load; it waits for nothing.
        LockSupport.parkNanos(start + i * step - System.nanoTime());
        send(event.streamId(), event.toJson());
      }
      producer.flush();
    });
  }

  /** Sends raw bytes as they are (bad input); they are not expected to yield anything. */
  public void sendRaw(String key, byte[] value) {
    send(key, value);
  }

  private void send(String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      }
    });
  }

  public int acknowledged() {
    return acknowledged.get();
  }

  public void flush() {
    producer.flush();
  }

  /** Waits for a background publication, failing the test on its error. */
  public static void await(CompletableFuture<Void> publication, Duration timeout) {
    try {
      publication.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("publishing failed", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
