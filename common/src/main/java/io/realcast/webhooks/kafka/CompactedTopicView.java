package io.realcast.webhooks.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory view of a compacted topic (key to latest value; a null value deletes), read from the
 * beginning by one background thread, without a consumer group. Kafka stays the only store: every
 * instance rebuilds its view at start.
 *
 * <p>{@link #awaitOffset} gives read-your-writes: after producing at offset N, wait until the view has
 * applied N, and the next read on this instance sees the write.
 */
public final class CompactedTopicView<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

  private final String topic;
  private final Consumer<String, byte[]> consumer;
  private final Function<byte[], V> decoder;
  private final BiConsumer<String, Optional<V>> listener;
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Object progress = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /**
   * @param consumer a consumer created for this view alone (it is assigned, never subscribed)
   * @param listener called on the view's thread after each change, with the key and new value (empty = deleted)
   */
  public CompactedTopicView(
      String topic, Consumer<String, byte[]> consumer, Function<byte[], V> decoder, BiConsumer<String, Optional<V>> listener) {
    this.topic = topic;
    this.consumer = consumer;
    this.decoder = decoder;
    this.listener = listener;
    this.thread = new Thread(this::run, "view-" + topic);
    this.thread.setDaemon(true);
  }

  public CompactedTopicView(String topic, Consumer<String, byte[]> consumer, Function<byte[], V> decoder) {
    this(topic, consumer, decoder, (k, v) -> {});
  }

  /** Starts reading and waits until the view holds everything the topic held at start. */
  public CompactedTopicView<V> start(Duration timeout) throws TimeoutException {
    thread.start();
    try {
      if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("view of " + topic + " did not catch up within " + timeout + failureText());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while loading " + topic);
    }
    return this;
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public Collection<V> values() {
    return values.values();
  }

  public boolean isHealthy() {
    return running && failure == null && thread.isAlive();
  }

  /** Waits until the record at {@code offset} of {@code partition} has been applied. */
  public void awaitOffset(int partition, long offset, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied.getOrDefault(partition, -1L) < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !isHealthy()) {
          throw new TimeoutException("view of " + topic + " has not reached offset " + offset + failureText());
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
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
      markIfCaughtUp(endAtStart);
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> record : records) {
          apply(record);
        }
        if (caughtUp.getCount() > 0) {
          markIfCaughtUp(endAtStart);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("View of {} stopped: {}", topic, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() != null) {
      Optional<V> value = Optional.empty();
      if (record.value() == null) {
        values.remove(record.key());
      } else {
        try {
          value = Optional.of(decoder.apply(record.value()));
          values.put(record.key(), value.get());
        } catch (RuntimeException e) {
          // One unreadable record must not stop the view: keep the previous value and say so.
          LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
      }
      listener.accept(record.key(), value);
    }
    synchronized (progress) {
      applied.put(record.partition(), record.offset());
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

  private String failureText() {
    return failure == null ? "" : " (view failed: " + failure + ")";
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
