package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.Change;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.DeliveryHistory;
import io.realcast.webhooks.api.history.HistoryCodec;
import io.realcast.webhooks.api.history.HistoryEvent;
import io.realcast.webhooks.api.history.RecordRef;
import io.realcast.webhooks.api.history.SeriesBucket;
import io.realcast.webhooks.api.history.StatusCounts;
import io.realcast.webhooks.api.history.WebhookCounters;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each record of realcast.deliveries, realcast.attempts and realcast.deliveries.dead to the partition's
 * history store: decode, compute the change ({@link DeliveryHistory}), then write the entry, the keys that point at
 * it, the counters and the per-minute series. A wall-clock punctuation forgets entries past their retention.
 * An unreadable record is counted and skipped: the history never stops on one.
 */
final class HistoryProcessor implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryProcessor.class);
  /** Entries forgotten per punctuation at most, so one punctuation never holds the thread for long. */
  private static final int EVICT_BATCH = 5_000;

  private final HistoryWiring wiring;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<Bytes, byte[]> store;
  private WindowStore<String, byte[]> series;

  HistoryProcessor(HistoryWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(HistoryTopology.STORE);
    this.series = context.getStateStore(HistoryTopology.SERIES_STORE);
    context.schedule(wiring.evictEvery(), PunctuationType.WALL_CLOCK_TIME, now -> evictExpired(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    String kind = wiring.kindOf(meta.topic());
    if (record.value() == null) {
      return;
    }
    HistoryEvent event;
    try {
      event = decode(kind, meta, record);
    } catch (RuntimeException e) {
      LOG.warn("Skipping unreadable record {}-{}@{}: {}", meta.topic(), meta.partition(), meta.offset(), e.toString());
      wiring.metrics().historyRecord(kind, "unreadable");
      return;
    }
    apply(event);
    wiring.metrics().historyRecord(kind, "applied");
  }

  private HistoryEvent decode(String kind, RecordMetadata meta, Record<String, byte[]> record) {
    RecordRef ref = new RecordRef(meta.topic(), meta.partition(), meta.offset());
    return switch (kind) {
      case HistoryWiring.DELIVERIES -> new HistoryEvent.Queued(DeliveryCodec.decodeDelivery(record.value()), ref,
          Instant.ofEpochMilli(record.timestamp()), Requeue.replayId(record.headers()));
      case HistoryWiring.ATTEMPTS -> new HistoryEvent.Attempted(DeliveryCodec.decodeAttemptLog(record.value()),
          Instant.ofEpochMilli(record.timestamp()));
      default -> new HistoryEvent.DeadLettered(DeliveryCodec.decodeDeadLetter(record.value()), ref);
    };
  }

  private void apply(HistoryEvent event) {
    Bytes key = HistoryKeys.entry(event.deliveryId());
    byte[] stored = store.get(key);
    DeliveryEntry before = stored == null ? null : HistoryCodec.decodeEntry(stored);
    Duration retention = wiring.retention().of(before != null ? before.appId() : event.appId());
    Change change = DeliveryHistory.apply(before, event, retention);
    DeliveryEntry after = change.after();
    store.put(key, HistoryCodec.encode(after));
    moveKeys(before, after);
    WebhookId webhook = after.webhookId();
    Bytes countersKey = HistoryKeys.counters(webhook);
    byte[] counters = store.get(countersKey);
    store.put(countersKey, HistoryCodec.encode((counters == null ? WebhookCounters.ZERO : HistoryCodec.decodeCounters(counters))
        .apply(change)));
    if (change.statusChanged()) {
      updatePartitionCounts(c -> c.moved(before == null ? null : before.status(), after.status()));
    }
    for (Change.NewAttempt n : change.newAttempts()) {
      long minute = minute(n.attempt().startedAt().plusMillis(Math.max(0, n.attempt().latencyMillis())));
      byte[] bucket = series.fetch(webhook.value(), minute);
      series.put(webhook.value(), HistoryCodec.encode((bucket == null ? SeriesBucket.EMPTY : HistoryCodec.decodeBucket(bucket))
          .with(n)), minute);
    }
  }

  /** Deletes the keys that pointed at the old entry and no longer should, and writes the new ones. */
  private void moveKeys(DeliveryEntry before, DeliveryEntry after) {
    Set<Bytes> old = HistoryKeys.keysOf(before);
    Set<Bytes> now = HistoryKeys.keysOf(after);
    for (Bytes k : old) {
      if (!now.contains(k)) {
        store.delete(k);
      }
    }
    for (Bytes k : now) {
      if (!old.contains(k)) {
        store.put(k, new byte[0]);
      }
    }
  }

  private void updatePartitionCounts(UnaryOperator<StatusCounts> change) {
    byte[] stored = store.get(HistoryKeys.partitionCounts());
    store.put(HistoryKeys.partitionCounts(),
        HistoryCodec.encode(change.apply(stored == null ? StatusCounts.ZERO : HistoryCodec.decodeCounts(stored))));
  }

  /** Forgets entries whose expiry has passed; an app whose retention grew meanwhile gets its entries re-dated. */
  void evictExpired(Instant now) {
    List<Bytes> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(HistoryKeys.expiryPrefix()),
        Bytes.wrap(HistoryKeys.expiryThrough(now)))) {
      while (it.hasNext() && due.size() < EVICT_BATCH) {
        KeyValue<Bytes, byte[]> kv = it.next();
        if (!HistoryKeys.startsWith(kv.key.get(), HistoryKeys.expiryPrefix())) {
          break;
        }
        due.add(kv.key);
      }
    }
    int forgotten = 0;
    for (Bytes expiryKey : due) {
      DeliveryId id = HistoryKeys.expiryId(expiryKey.get());
      byte[] stored = store.get(HistoryKeys.entry(id));
      if (stored == null) {
        store.delete(expiryKey);
        continue;
      }
      DeliveryEntry e = HistoryCodec.decodeEntry(stored);
      Instant expires = e.lastActivity().plus(wiring.retention().of(e.appId()));
      if (expires.isAfter(now)) {
        DeliveryEntry redated = withExpiry(e, expires);
        store.put(HistoryKeys.entry(id), HistoryCodec.encode(redated));
        moveKeys(e, redated);
        continue;
      }
      forget(e);
      forgotten++;
    }
    if (forgotten > 0) {
      LOG.debug("History forgot {} deliveries past their retention", forgotten);
    }
  }

  private void forget(DeliveryEntry e) {
    moveKeys(e, null);
    store.delete(HistoryKeys.entry(e.id()));
    Bytes countersKey = HistoryKeys.counters(e.webhookId());
    byte[] counters = store.get(countersKey);
    if (counters != null) {
      store.put(countersKey, HistoryCodec.encode(HistoryCodec.decodeCounters(counters).forget(e)));
    }
    if (!e.status().isFinal()) {
      updatePartitionCounts(c -> c.plus(e.status(), -1));
    }
  }

  private static DeliveryEntry withExpiry(DeliveryEntry e, Instant expiresAt) {
    return new DeliveryEntry(e.identity(), e.createdAt(), e.createdAtKnown(), e.status(), e.stateTime(), e.enqueuedAt(),
        e.lastActivity(), expiresAt, e.attempts(), e.nextDueAt(), e.death(), e.sources(), e.lastReplayId());
  }

  static long minute(Instant t) {
    return t.toEpochMilli() - Math.floorMod(t.toEpochMilli(), 60_000L);
  }
}
