package io.realcast.webhooks.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory view of a compacted topic (key to latest value; a null value deletes), read from the
 * beginning by a {@link TopicTail}. Every instance rebuilds its view at start.
 *
 * <p>{@link #awaitOffset} gives read-your-writes: after producing at offset N, wait until the view has
 * applied N, and the next read on this instance sees the write.
 */
public final class CompactedTopicView<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

  private final String topic;
  private final Function<byte[], V> decoder;
  private final BiConsumer<String, Optional<V>> listener;
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final TopicTail tail;

  /**
   * @param consumer a consumer created for this view alone (it is assigned, never subscribed)
   * @param listener called on the view's thread after each change, with the key and new value (empty = deleted)
   */
  public CompactedTopicView(
      String topic, Consumer<String, byte[]> consumer, Function<byte[], V> decoder, BiConsumer<String, Optional<V>> listener) {
    this.topic = topic;
    this.decoder = decoder;
    this.listener = listener;
    this.tail = new TopicTail("view of " + topic, List.of(topic), consumer, TopicTail.FROM_BEGINNING, this::apply, () -> {});
  }

  public CompactedTopicView(String topic, Consumer<String, byte[]> consumer, Function<byte[], V> decoder) {
    this(topic, consumer, decoder, (k, v) -> {});
  }

  /** Starts reading and waits until the view holds everything the topic held at start. */
  public CompactedTopicView<V> start(Duration timeout) throws TimeoutException {
    tail.start(timeout);
    return this;
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public Collection<V> values() {
    return values.values();
  }

  public boolean isHealthy() {
    return tail.isHealthy();
  }

  /** Waits until the record at {@code offset} of {@code partition} has been applied. */
  public void awaitOffset(int partition, long offset, Duration timeout) throws TimeoutException {
    tail.awaitOffset(new TopicPartition(topic, partition), offset, timeout);
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
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
        return;
      }
    }
    listener.accept(record.key(), value);
  }

  @Override
  public void close() {
    tail.close();
  }
}
