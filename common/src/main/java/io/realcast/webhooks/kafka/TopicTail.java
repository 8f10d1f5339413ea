package io.realcast.webhooks.kafka;

import java.time.Duration;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics on one background thread, without a consumer group, and hands
 * each record to a handler: the machinery under every in-memory view of Kafka ({@link CompactedTopicView},
 * the API's delivery log). Every instance reads everything; Kafka stays the only store.
 *
 * <p>{@link #start} returns once the records present at start have been handled. {@link #awaitOffset}
 * gives read-your-writes: after producing at offset N, wait until N has been handled.
 */
public final class TopicTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  /** Where reading starts in each partition. */
  @FunctionalInterface
  public interface StartPosition {
    void seek(Consumer<String, byte[]> consumer, List<TopicPartition> partitions);
  }

  public static final StartPosition FROM_BEGINNING = Consumer::seekToBeginning;

  private final String name;
  private final List<String> topics;
  private final Consumer<String, byte[]> consumer;
  private final StartPosition startPosition;
  private final java.util.function.Consumer<ConsumerRecord<String, byte[]>> handler;
  private final Runnable afterEachPoll;
  private final Map<TopicPartition, Long> handled = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Object progress = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /**
   * @param consumer a consumer for this tail alone (it is assigned, never subscribed); closed by the tail
   * @param handler called on the tail's thread for each record; an exception from it stops the tail
   * @param afterEachPoll called on the tail's thread after each poll, for periodic upkeep
   */
  public TopicTail(String name, List<String> topics, Consumer<String, byte[]> consumer, StartPosition startPosition,
      java.util.function.Consumer<ConsumerRecord<String, byte[]>> handler, Runnable afterEachPoll) {
    this.name = name;
    this.topics = List.copyOf(topics);
    this.consumer = consumer;
    this.startPosition = startPosition;
    this.handler = handler;
    this.afterEachPoll = afterEachPoll;
    this.thread = new Thread(this::run, "tail-" + name);
    this.thread.setDaemon(true);
  }

  /** Starts reading and waits until everything the topics held at start has been handled. */
  public TopicTail start(Duration timeout) throws TimeoutException {
    thread.start();
    try {
      if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException(name + " did not catch up within " + timeout + failureText());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while loading " + name);
    }
    return this;
  }

  public boolean isHealthy() {
    return running && failure == null && thread.isAlive();
  }

  /** Waits until the record at {@code offset} of {@code partition} has been handled. */
  public void awaitOffset(TopicPartition partition, long offset, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (handled.getOrDefault(partition, -1L) < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !isHealthy()) {
          throw new TimeoutException(name + " has not reached " + partition + "@" + offset + failureText());
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
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      startPosition.seek(consumer, partitions);
      Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
      markIfCaughtUp(endAtStart);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          handler.accept(record);
          synchronized (progress) {
            handled.put(new TopicPartition(record.topic(), record.partition()), record.offset());
            progress.notifyAll();
          }
        }
        if (caughtUp.getCount() > 0) {
          markIfCaughtUp(endAtStart);
        }
        afterEachPoll.run();
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("{} stopped: {}", name, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private List<TopicPartition> partitions() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    return partitions;
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
    return failure == null ? "" : " (stopped: " + failure + ")";
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
