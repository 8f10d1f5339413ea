package io.realcast.webhooks.api.store;

import io.realcast.webhooks.api.history.RecordRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads records back by their position. The history keeps positions rather than bodies (a body may be up to
 * 64 KiB), and sending a delivery again is rare enough to afford reading it back. Positions of one partition are
 * read in offset order, seeking only across gaps, so a replay of thousands reads mostly sequentially. Calls are
 * serialized on one consumer.
 */
public final class RecordFetcher implements AutoCloseable {
  /** Read forward rather than seek when the next wanted record is at most this far ahead. */
  private static final long SEEK_GAP = 2_000;

  private final Consumer<String, byte[]> consumer;
  private final Duration timeout;

  public RecordFetcher(Consumer<String, byte[]> consumer, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
  }

  /** The values found; a position missing from the answer is gone (retention) or could not be read in time. */
  public synchronized Map<RecordRef, byte[]> fetchAll(Collection<RecordRef> refs) {
    Map<TopicPartition, TreeMap<Long, RecordRef>> byPartition = new HashMap<>();
    refs.forEach(r -> byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new TreeMap<>())
        .put(r.offset(), r));
    Map<RecordRef, byte[]> found = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos() * (1 + refs.size() / 5_000);
    byPartition.forEach((tp, wanted) -> readPartition(tp, wanted, found, deadline));
    return found;
  }

  /** How many partitions {@code topic} has. */
  public synchronized int partitionCount(String topic) {
    var infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    return infos.size();
  }

  /** The positions among {@code refs} that retention has already removed from Kafka. */
  public synchronized List<RecordRef> expired(Collection<RecordRef> refs) {
    List<TopicPartition> partitions = refs.stream().map(r -> new TopicPartition(r.topic(), r.partition())).distinct().toList();
    Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
    List<RecordRef> gone = new ArrayList<>();
    for (RecordRef r : refs) {
      Long start = starts.get(new TopicPartition(r.topic(), r.partition()));
      if (start != null && r.offset() < start) {
        gone.add(r);
      }
    }
    return gone;
  }

  private void readPartition(TopicPartition tp, TreeMap<Long, RecordRef> wanted, Map<RecordRef, byte[]> found, long deadline) {
    consumer.assign(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
    Long next = wanted.firstKey();
    consumer.seek(tp, next);
    while (next != null && next < end && System.nanoTime() < deadline) {
      long position = consumer.position(tp, timeout);
      if (next - position > SEEK_GAP) {
        consumer.seek(tp, next);
      }
      List<ConsumerRecord<String, byte[]>> batch = consumer.poll(Duration.ofMillis(200)).records(tp);
      for (ConsumerRecord<String, byte[]> record : batch) {
        RecordRef ref = wanted.get(record.offset());
        if (ref != null && record.value() != null) {
          found.put(ref, record.value());
        }
      }
      long reached = batch.isEmpty() ? consumer.position(tp, timeout) : batch.get(batch.size() - 1).offset() + 1;
      next = wanted.ceilingKey(reached);
    }
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
