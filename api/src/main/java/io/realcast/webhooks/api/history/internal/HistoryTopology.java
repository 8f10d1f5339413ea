package io.realcast.webhooks.api.history.internal;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The history as a Kafka Streams topology: the three delivery topics (all keyed by webhook id, so one webhook's
 * records meet in one task) into one processor with two RocksDB stores backed by changelog topics. Wiring only.
 */
public final class HistoryTopology {
  /** Entries, indexes, counters (see {@link HistoryKeys}); changelog {@code <application id>-history-changelog}. */
  public static final String STORE = "history";
  /** Per-minute attempt counts and latencies per webhook; segments older than the window are dropped. */
  public static final String SERIES_STORE = "history-series";
  /** How far back the charts reach: a day, and some slack for late attempts. */
  public static final Duration SERIES_RETENTION = Duration.ofHours(26);
  static final Duration SERIES_STEP = Duration.ofMinutes(1);

  private HistoryTopology() {}

  public static Topology build(HistoryWiring wiring) {
    Topology t = new Topology();
    t.addSource("history-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
        wiring.topics().deliveries(), wiring.topics().attempts(), wiring.topics().dead());
    t.addProcessor("history-processor", () -> new HistoryProcessor(wiring), "history-source");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingEnabled(), "history-processor");
    t.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SERIES_STORE, SERIES_RETENTION, SERIES_STEP, false),
        Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "history-processor");
    return t;
  }
}
