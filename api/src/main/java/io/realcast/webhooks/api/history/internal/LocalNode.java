package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.HistoryCodec;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.HistoryUnavailableException;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** The partitions this api instance runs, queried in place (Kafka Streams interactive queries on RocksDB). */
public final class LocalNode implements HistoryNode {
  private final HistoryStreams history;

  public LocalNode(HistoryStreams history) {
    this.history = history;
  }

  @Override
  public List<PartitionPage> scan(HistoryQuery query, Set<Integer> partitions, int budget) {
    List<PartitionPage> pages = new ArrayList<>();
    for (int p : partitions) {
      pages.add(inPartition(p, () -> PartitionScan.run(p, store(p), query, budget)));
    }
    return pages;
  }

  @Override
  public Optional<DeliveryEntry> find(DeliveryId id, Set<Integer> partitions) {
    for (int p : partitions) {
      byte[] value = inPartition(p, () -> store(p).get(HistoryKeys.entry(id)));
      if (value != null) {
        return Optional.of(HistoryCodec.decodeEntry(value));
      }
    }
    return Optional.empty();
  }

  @Override
  public WebhookSummary summary(WebhookId webhook, int partition) {
    return inPartition(partition, () -> StoreReads.summary(store(partition), webhook));
  }

  @Override
  public List<SeriesPoint> series(WebhookId webhook, int partition, SeriesRange range, Instant now) {
    return inPartition(partition, () -> StoreReads.series(windows(partition), webhook, range, now));
  }

  /** The partitions whose tasks run here (active, not standby). */
  public Set<Integer> activePartitions() {
    KafkaStreams streams = history.streams();
    Set<Integer> partitions = new TreeSet<>();
    if (streams != null) {
      streams.metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> partitions.add(task.taskId().partition())));
    }
    return partitions;
  }

  /** Unfinished deliveries over this instance's partitions, and since when the oldest has waited: the lag gauges. */
  public Lag lag() {
    long unfinished = 0;
    Optional<Instant> oldest = Optional.empty();
    for (int p : activePartitions()) {
      try {
        unfinished += inPartition(p, () -> StoreReads.partitionCounts(store(p))).notFinal();
        Optional<Instant> o = inPartition(p, () -> StoreReads.partitionOldest(store(p)));
        if (o.isPresent() && (oldest.isEmpty() || o.get().isBefore(oldest.get()))) {
          oldest = o;
        }
      } catch (HistoryUnavailableException e) {
        // A partition moving away right now: the instance that takes it over reports it.
      }
    }
    return new Lag(unfinished, oldest);
  }

  /** @param oldestSince when the oldest unfinished delivery was queued, if any */
  public record Lag(long unfinished, Optional<Instant> oldestSince) {}

  private ReadOnlyKeyValueStore<Bytes, byte[]> store(int partition) {
    return running().store(StoreQueryParameters.fromNameAndType(HistoryTopology.STORE,
        QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(partition));
  }

  private ReadOnlyWindowStore<String, byte[]> windows(int partition) {
    return running().store(StoreQueryParameters.fromNameAndType(HistoryTopology.SERIES_STORE,
        QueryableStoreTypes.<String, byte[]>windowStore()).withPartition(partition));
  }

  private KafkaStreams running() {
    KafkaStreams streams = history.streams();
    if (streams == null) {
      throw new HistoryUnavailableException("the delivery history is not running on this instance");
    }
    return streams;
  }

  /** Runs a read of one partition; a store that is not (or no longer) here answers "unavailable", not an error. */
  private static <T> T inPartition(int partition, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidStateStoreException e) {
      throw new HistoryUnavailableException("history partition " + partition + " is not available here right now", e);
    }
  }
}
