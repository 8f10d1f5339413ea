package io.realcast.webhooks.systemtest.harness;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.RealcastProducer;
import io.realcast.webhooks.testkit.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the scenario's raw events through {@link RealcastProducer} (what streaming services link) at a
 * steady pace in the background, so faults can strike mid-load. Each event enters the ledger before it is
 * sent. Bad input, which the producer would refuse, goes through a plain Kafka producer.
 */
public final class Publisher implements AutoCloseable {
  private final RealcastProducer producer;
  private final KafkaProducer<String, byte[]> raw;
  private final String topic;
  private final Ledger ledger;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final ExecutorService pacer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "system-test-publisher");
    t.setDaemon(true);
    return t;
  });

  public Publisher(KafkaSettings kafka, Ledger ledger) {
    this.producer = new RealcastProducer(new ProducerConfig(kafka, "system-test-publisher", RawEventParser.DEFAULT_MAX_BYTES),
        new SimpleMeterRegistry(), Clock.systemUTC());
    this.raw = new KafkaProducer<>(kafka.producerProperties("system-test-raw"));
    this.topic = kafka.topics().events();
    this.ledger = ledger;
  }

  /** Sends {@code events} spread evenly over {@code over}; completes when Kafka acknowledged them all. */
  public CompletableFuture<Void> publish(List<RawEvent> events, Duration over) {
    return publish(events, over, 0);
  }

  /**
   * As {@link #publish(List, Duration)}, and every {@code duplicateEvery}-th event (0: none) is published a second
   * time right after the first, with the same id, as a producer does that retries a publish it thinks failed.
   * The duplicate is not expected to yield anything.
   */
  public CompletableFuture<Void> publish(List<RawEvent> events, Duration over, int duplicateEvery) {
    return CompletableFuture.runAsync(() -> {
      long start = System.nanoTime();
      long step = over.toNanos() / Math.max(1, events.size());
      for (int i = 0; i < events.size(); i++) {
        RawEvent event = events.get(i);
        ledger.expect(event);
        // Pacing shapes the load; it waits for nothing.
        LockSupport.parkNanos(start + i * step - System.nanoTime());
        producer.publish(event).whenComplete((metadata, error) -> (error == null ? acknowledged : failed).incrementAndGet());
        if (duplicateEvery > 0 && i % duplicateEvery == duplicateEvery - 1) {
          duplicates.incrementAndGet();
          producer.publish(event).whenComplete((metadata, error) -> (error == null ? acknowledged : failed).incrementAndGet());
        }
      }
      producer.flush();
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " events were not acknowledged by Kafka");
      }
    }, pacer);
  }

  /** Sends raw bytes as they are (bad input); they are not expected to yield anything. */
  public void sendRaw(String key, byte[] value) {
    raw.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      }
    });
  }

  public int acknowledged() {
    return acknowledged.get();
  }

  /** Events published a second time with the same id. */
  public int duplicates() {
    return duplicates.get();
  }

  public void flush() {
    producer.flush();
    raw.flush();
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
    pacer.shutdownNow();
    producer.close();
    raw.close(Duration.ofSeconds(30));
  }
}
