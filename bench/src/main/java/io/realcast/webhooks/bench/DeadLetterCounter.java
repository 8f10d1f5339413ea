package io.realcast.webhooks.bench;

import io.realcast.webhooks.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** Counts every record on the dead-letter topic as it arrives, for the closing ledger. */
final class DeadLetterCounter implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicLong count = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  DeadLetterCounter(KafkaSettings kafka, int partitions) {
    consumer = new KafkaConsumer<>(kafka.consumerProperties("bench-dead-letters", null));
    List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
        .mapToObj(p -> new TopicPartition(kafka.topics().dead(), p)).toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    thread = new Thread(this::run, "bench-dead-letters");
    thread.setDaemon(true);
    thread.start();
  }

  long count() {
    return count.get();
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        count.addAndGet(records.count());
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
