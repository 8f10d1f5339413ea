package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.HistoryCodec;
import io.realcast.webhooks.api.history.SeriesBucket;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.StatusCounts;
import io.realcast.webhooks.api.history.WebhookCounters;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads of one partition's stores besides searches ({@link PartitionScan}): counters, lag, charts. */
public final class StoreReads {
  private StoreReads() {}

  public static WebhookSummary summary(ReadOnlyKeyValueStore<Bytes, byte[]> store, WebhookId webhook) {
    byte[] counters = store.get(HistoryKeys.counters(webhook));
    return new WebhookSummary(counters == null ? WebhookCounters.ZERO : HistoryCodec.decodeCounters(counters),
        oldest(store, HistoryKeys.lagPrefix(webhook)));
  }

  /** The partition's counts by status (for the lag gauge). */
  public static StatusCounts partitionCounts(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
    byte[] counts = store.get(HistoryKeys.partitionCounts());
    return counts == null ? StatusCounts.ZERO : HistoryCodec.decodeCounts(counts);
  }

  /** Since when the partition's oldest unfinished delivery has waited. */
  public static Optional<Instant> partitionOldest(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
    return oldest(store, HistoryKeys.partitionLagPrefix());
  }

  /** One point per step of the range ending at {@code now}, zero where nothing happened. */
  public static List<SeriesPoint> series(ReadOnlyWindowStore<String, byte[]> store, WebhookId webhook, SeriesRange range,
      Instant now) {
    Instant from = range.from(now);
    long step = range.step().toMillis();
    SeriesBucket[] steps = new SeriesBucket[range.steps()];
    Arrays.fill(steps, SeriesBucket.EMPTY);
    try (WindowStoreIterator<byte[]> it = store.fetch(webhook.value(), from, from.plusMillis(step * steps.length - 1))) {
      while (it.hasNext()) {
        KeyValue<Long, byte[]> kv = it.next();
        int i = (int) ((kv.key - from.toEpochMilli()) / step);
        if (i >= 0 && i < steps.length) {
          steps[i] = steps[i].plus(HistoryCodec.decodeBucket(kv.value));
        }
      }
    }
    List<SeriesPoint> points = new ArrayList<>(steps.length);
    for (int i = 0; i < steps.length; i++) {
      points.add(new SeriesPoint(from.plusMillis(step * i), steps[i]));
    }
    return points;
  }

  private static Optional<Instant> oldest(ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] prefix) {
    try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(prefix), Bytes.wrap(HistoryKeys.successor(prefix)))) {
      while (it.hasNext()) {
        byte[] key = it.next().key.get();
        if (HistoryKeys.startsWith(key, prefix)) {
          return Optional.of(HistoryKeys.lagTime(prefix, key));
        }
      }
    }
    return Optional.empty();
  }
}
