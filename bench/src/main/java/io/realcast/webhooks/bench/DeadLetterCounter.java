package io.realcast.webhooks.bench;

import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** Reads every record on the dead-letter topic as it arrives and marks its pair in the closing ledger. */
final class DeadLetterCounter implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicLong count = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private final DeliveryLedger ledger;
  private final AtomicLong foreign = new AtomicLong();

  DeadLetterCounter(KafkaSettings kafka, int partitions, DeliveryLedger ledger) {
    this.ledger = ledger;
    consumer = new KafkaConsumer<>(kafka.consumerProperties("bench-dead-letters", null));
    List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
        .mapToObj(p -> new TopicPartition(kafka.topics().dead(), p)).toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    thread = new Thread(this::run, "bench-dead-letters");
    thread.setDaemon(true);
    thread.start();
  }

  /** Marks the dead letter's (event, subscription) pair in the ledger; ids are {@code evt_<run>_<seq>} and {@code wh_bench_<run>_<app>_<sub>}. */
  private void mark(byte[] value) {
    try {
      Delivery d = DeliveryCodec.decodeDeadLetter(value).delivery();
      int seq = Integer.parseInt(afterLastUnderscore(d.eventId().value()));
      int sub = Integer.parseInt(afterLastUnderscore(d.webhookId().value()));
      if (seq < 0 || seq >= ledger.capacity() || sub < 0 || sub > 30) {
        foreign.incrementAndGet();
      } else {
        ledger.deadLettered(seq, sub); // a second dead letter of one pair (at least once) changes nothing
      }
    } catch (RuntimeException e) {
      foreign.incrementAndGet();
    }
  }

  private static String afterLastUnderscore(String id) {
    return id.substring(id.lastIndexOf('_') + 1);
  }

  /** Dead letters that are not one of this run's pairs. */
  long foreign() {
    return foreign.get();
  }

  long count() {
    return count.get();
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        count.addAndGet(records.count());
        records.forEach(r -> mark(r.value()));
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
