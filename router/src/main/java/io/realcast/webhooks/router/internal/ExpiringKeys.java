package io.realcast.webhooks.router.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys remembered for a window of wall-clock time, in a RocksDB key-value store with a changelog.
 *
 * <p>Why not a window store: with Kafka Streams 4.4 under exactly-once, a RocksDB window store keeps no
 * changelog offsets across a clean restart, so every restart would wipe and restore the whole task.
 *
 * <p>Entries are filed by generation ({@code window / 2} of time): {@code generation NUL key} → when it was put,
 * then the value. A lookup reads the three generations that can hold an entry younger than the window and
 * checks its time, so "within the window" is exact. {@link #expire} deletes, a bounded batch at a time, the
 * generations older than that: the store holds at most one and a half windows of entries.
 */
final class ExpiringKeys {
  private static final int LIVE_GENERATIONS = 3;

  private final KeyValueStore<String, byte[]> store;
  private final long windowMillis;
  private final long generationMillis;
  // The key prefixes of the live generations, newest first, for the generation they were made for: every
  // lookup needs them, and formatting them per lookup was a visible share of the router's CPU.
  private long prefixesOf = Long.MIN_VALUE;
  private final String[] livePrefixes = new String[LIVE_GENERATIONS];

  ExpiringKeys(KeyValueStore<String, byte[]> store, long windowMillis) {
    this.store = store;
    this.windowMillis = windowMillis;
    this.generationMillis = Math.max(1, windowMillis / 2);
  }

  /** The value put for {@code key} within the window before {@code nowMillis}, the latest if several; or null. */
  byte[] get(String key, long nowMillis) {
    String[] prefixes = livePrefixes(generation(nowMillis));
    for (String prefix : prefixes) {
      byte[] entry = store.get(prefix.concat(key));
      if (entry != null && ByteBuffer.wrap(entry).getLong() >= nowMillis - windowMillis) {
        return Arrays.copyOfRange(entry, Long.BYTES, entry.length);
      }
    }
    return null;
  }

  void put(String key, byte[] value, long nowMillis) {
    store.put(livePrefixes(generation(nowMillis))[0].concat(key),
        ByteBuffer.allocate(Long.BYTES + value.length).putLong(nowMillis).put(value).array());
  }

  /** Deletes up to {@code max} entries of generations that can no longer hold one within the window; returns how many. */
  int expire(long nowMillis, int max) {
    String firstLive = StoreKeys.prefix(name(generation(nowMillis) - LIVE_GENERATIONS + 1));
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> oldest = store.all()) {
      while (expired.size() < max && oldest.hasNext()) {
        KeyValue<String, byte[]> entry = oldest.next();
        if (entry.key.compareTo(firstLive) >= 0) {
          break; // keys sort by generation: the rest are live
        }
        expired.add(entry.key);
      }
    }
    expired.forEach(store::delete);
    return expired.size();
  }

  /** {@code StoreKeys.prefix(name(g))} for the live generations up to {@code current}, newest first. */
  private String[] livePrefixes(long current) {
    if (current != prefixesOf) {
      for (int i = 0; i < LIVE_GENERATIONS; i++) {
        livePrefixes[i] = StoreKeys.prefix(name(current - i));
      }
      prefixesOf = current;
    }
    return livePrefixes;
  }

  private long generation(long millis) {
    return Math.floorDiv(millis, generationMillis);
  }

  /** Fixed-width hex, so that generations sort as their numbers do. */
  private static String name(long generation) {
    return String.format("%016x", Math.max(0, generation));
  }
}
