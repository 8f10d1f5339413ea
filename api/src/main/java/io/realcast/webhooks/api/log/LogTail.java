package io.realcast.webhooks.api.log;

import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link DeliveryLog} from realcast.deliveries, realcast.attempts and the dead-letter topic on one
 * background thread, without a consumer group: every API instance reads everything, starting at the
 * retention horizon. {@link #awaitOffset} gives read-your-writes for test events and redeliveries.
 */
public final class LogTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
  private static final Duration EVICT_EVERY = Duration.ofMinutes(1);

  private final Topics topics;
  private final Consumer<String, byte[]> consumer;
  private final DeliveryLog log;
  private final Clock clock;
  private final Duration retention;
  private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Object progress = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public LogTail(Topics topics, Consumer<String, byte[]> consumer, DeliveryLog log, Clock clock, Duration retention) {
    this.topics = topics;
    this.consumer = consumer;
    this.log = log;
    this.clock = clock;
    this.retention = retention;
    this.thread = new Thread(this::run, "delivery-log");
    this.thread.setDaemon(true);
  }

  /** Starts reading and waits until the log holds what the topics held at start. */
  public LogTail start(Duration timeout) throws TimeoutException {
    thread.start();
    try {
      if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("delivery log did not catch up within " + timeout + (failure == null ? "" : ": " + failure));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while loading the delivery log");
    }
    return this;
  }

  public boolean isHealthy() {
    return running && failure == null && thread.isAlive();
  }

  /** Waits until the record at {@code offset} of {@code topic}-{@code partition} is in the log. */
  public void awaitOffset(String topic, int partition, long offset, Duration timeout) throws TimeoutException {
    TopicPartition tp = new TopicPartition(topic, partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied.getOrDefault(tp, -1L) < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !isHealthy()) {
          throw new TimeoutException("delivery log has not reached " + tp + "@" + offset);
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TimeoutException("interrupted");
        }
      }
    }
  }

  private void run() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(topics.deliveries(), topics.attempts(), topics.dead())) {
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      seekToHorizon(partitions);
      Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
      markIfCaughtUp(endAtStart);
      Instant nextEviction = clock.instant().plus(EVICT_EVERY);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
        if (caughtUp.getCount() > 0) {
          markIfCaughtUp(endAtStart);
        }
        if (clock.instant().isAfter(nextEviction)) {
          log.evictExpired();
          nextEviction = clock.instant().plus(EVICT_EVERY);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("Delivery log stopped: {}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /** Starts each partition at the first record inside the retention window (or at its end if there is none). */
  private void seekToHorizon(List<TopicPartition> partitions) {
    long horizon = clock.instant().minus(retention).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, horizon));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      consumer.seek(tp, at == null ? ends.get(tp) : at.offset());
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.value() != null) {
        RecordRef ref = new RecordRef(record.topic(), record.partition(), record.offset());
        if (record.topic().equals(topics.deliveries())) {
          log.onDelivery(DeliveryCodec.decodeDelivery(record.value()), ref, Instant.ofEpochMilli(record.timestamp()));
        } else if (record.topic().equals(topics.attempts())) {
          log.onAttempt(DeliveryCodec.decodeAttemptLog(record.value()));
        } else {
          log.onDeadLetter(DeliveryCodec.decodeDeadLetter(record.value()), ref);
        }
      }
    } catch (RuntimeException e) {
      // One unreadable record must not stop the log.
      LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
    }
    synchronized (progress) {
      applied.put(new TopicPartition(record.topic(), record.partition()), record.offset());
      progress.notifyAll();
    }
  }

  private void markIfCaughtUp(Map<TopicPartition, Long> endAtStart) {
    for (Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return;
      }
    }
    caughtUp.countDown();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
