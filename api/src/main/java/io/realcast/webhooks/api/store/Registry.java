package io.realcast.webhooks.api.store;

import io.realcast.webhooks.kafka.CompactedTopicView;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One compacted topic as a key-value registry: reads from the in-memory view, writes through Kafka, and a
 * write returns only when this instance's view has applied it, so the next read sees it.
 */
public final class Registry<V> {
  private final String topic;
  private final CompactedTopicView<V> view;
  private final KafkaWriter writer;
  private final Function<V, byte[]> encoder;

  public Registry(String topic, CompactedTopicView<V> view, KafkaWriter writer, Function<V, byte[]> encoder) {
    this.topic = topic;
    this.view = view;
    this.writer = writer;
    this.encoder = encoder;
  }

  public Optional<V> get(String key) {
    return view.get(key);
  }

  public Collection<V> values() {
    return view.values();
  }

  public void put(String key, V value) {
    readBack(writer.write(topic, key, encoder.apply(value)));
  }

  public void delete(String key) {
    readBack(writer.write(topic, key, null));
  }

  public boolean isHealthy() {
    return view.isHealthy();
  }

  private void readBack(RecordMetadata written) {
    try {
      view.awaitOffset(written.partition(), written.offset(), writer.timeout());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("the view of " + topic + " did not catch up with its own write", e);
    }
  }
}
