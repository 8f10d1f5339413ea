package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.HistoryCodec;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.api.history.internal.HistoryKeys.Scope;
import io.realcast.webhooks.id.DeliveryId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers a {@link HistoryQuery} from one partition's store: walks the newest-first index of the scope (per
 * status when the query names exactly one), from the cursor or {@code until} to {@code since}, reads each entry and
 * keeps those that match, until the page is full or {@code budget} index entries have been examined.
 */
public final class PartitionScan {
  private PartitionScan() {}

  public static PartitionPage run(int partition, ReadOnlyKeyValueStore<Bytes, byte[]> store, HistoryQuery q, int budget) {
    Optional<DeliveryId> single = q.singleDelivery();
    if (single.isPresent()) {
      byte[] value = store.get(HistoryKeys.entry(single.get()));
      List<DeliveryEntry> items = new ArrayList<>();
      if (value != null) {
        DeliveryEntry e = HistoryCodec.decodeEntry(value);
        if (q.matches(e)) {
          items.add(e);
        }
      }
      return new PartitionPage(partition, items, true, Optional.empty());
    }
    byte[] prefix = HistoryKeys.indexPrefix(scope(q), q.scope().id(), q.statuses().size() == 1 ? q.statuses().iterator().next() : null);
    byte[] from = prefix;
    if (q.until().isPresent()) {
      from = max(from, HistoryKeys.indexFrom(prefix, q.until().get().toEpochMilli() - 1));
    }
    if (q.after().isPresent()) {
      from = max(from, HistoryKeys.indexAfter(prefix, q.after().get()));
    }
    byte[] to = q.since().map(s -> HistoryKeys.indexThrough(prefix, s.toEpochMilli())).orElse(HistoryKeys.successor(prefix));
    List<DeliveryEntry> items = new ArrayList<>();
    if (Bytes.BYTES_LEXICO_COMPARATOR.compare(from, to) > 0) {
      return new PartitionPage(partition, items, true, Optional.empty());
    }
    int examined = 0;
    Position last = null;
    try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(to))) {
      while (it.hasNext()) {
        if (items.size() == q.limit() || examined == budget) {
          return new PartitionPage(partition, items, false, Optional.of(last));
        }
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] key = kv.key.get();
        if (!HistoryKeys.startsWith(key, prefix)) {
          break;
        }
        examined++;
        last = HistoryKeys.position(prefix, key);
        byte[] value = store.get(HistoryKeys.entry(DeliveryId.of(last.deliveryId())));
        if (value != null) {
          DeliveryEntry e = HistoryCodec.decodeEntry(value);
          if (q.matches(e)) {
            items.add(e);
          }
        }
      }
    }
    return new PartitionPage(partition, items, true, Optional.empty());
  }

  private static Scope scope(HistoryQuery q) {
    return q.scope() instanceof HistoryQuery.OfWebhook ? Scope.WEBHOOK : Scope.APP;
  }

  private static byte[] max(byte[] a, byte[] b) {
    return Bytes.BYTES_LEXICO_COMPARATOR.compare(a, b) >= 0 ? a : b;
  }
}
