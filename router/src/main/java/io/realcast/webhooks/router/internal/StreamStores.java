package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.invalid.Source;
import io.realcast.webhooks.router.state.EndCause;
import io.realcast.webhooks.router.state.StreamState;
import io.realcast.webhooks.router.state.Transition.ViewerChange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The four stores of stream state, behind the operations the processor needs:
 * <ul>
 *   <li>{@code stream-state}: stream id → {@link StreamState} of each live stream;
 *   <li>{@code stream-viewers}: {@code stream NUL viewer} → present (one entry per present viewer of a live stream);
 *   <li>{@code held-events}: {@code stream NUL offset} → when held + the raw bytes, for events waiting for stream.live;
 *   <li>{@code ended-streams}: stream id → how its last session ended, kept for the duplicate window ({@link ExpiringKeys}).
 * </ul>
 * All RocksDB with changelogs, written in the task's transaction.
 */
final class StreamStores {
  private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
  private static final byte[] PRESENT = {1};

  /** An event waiting for its stream's stream.live. */
  record HeldEvent(String key, Source source, long heldAtMillis, byte[] bytes) {}

  private final KeyValueStore<String, StreamState> states;
  private final KeyValueStore<String, byte[]> viewers;
  private final KeyValueStore<String, byte[]> held;
  private final ExpiringKeys ended;
  private final int partition;

  StreamStores(KeyValueStore<String, StreamState> states, KeyValueStore<String, byte[]> viewers,
      KeyValueStore<String, byte[]> held, KeyValueStore<String, byte[]> ended, long endMemoryMillis, int partition) {
    this.states = states;
    this.viewers = viewers;
    this.held = held;
    this.ended = new ExpiringKeys(ended, endMemoryMillis);
    this.partition = partition;
  }

  StreamState state(String streamId) {
    return states.get(streamId);
  }

  void put(StreamState state) {
    states.put(state.streamId(), state);
  }

  void forEachState(Consumer<StreamState> action) {
    try (KeyValueIterator<String, StreamState> all = states.all()) {
      all.forEachRemaining(kv -> action.accept(kv.value));
    }
  }

  /** The session ends: its state and viewer ids go, and how it ended is remembered. */
  void end(String streamId, EndCause cause, long nowMillis) {
    states.delete(streamId);
    List<String> present = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = viewers.prefixScan(StoreKeys.prefix(streamId), PREFIX_SERIALIZER)) {
      it.forEachRemaining(kv -> present.add(kv.key));
    }
    present.forEach(viewers::delete);
    ended.put(streamId, new byte[] {cause.code()}, nowMillis);
  }

  /** How the stream's last session ended, if that was within the memory (the duplicate window). */
  EndCause lastEnd(String streamId, long nowMillis) {
    byte[] cause = ended.get(streamId, nowMillis);
    return cause == null ? null : EndCause.of(cause[0]);
  }

  /** Forgets, a bounded batch at a time, ends older than the memory. */
  void forgetOldEnds(long nowMillis, int max) {
    ended.expire(nowMillis, max);
  }

  boolean isPresent(String streamId, String viewerId) {
    return viewers.get(StoreKeys.of(streamId, viewerId)) != null;
  }

  void apply(String streamId, ViewerChange change) {
    if (change instanceof ViewerChange.Add add) {
      viewers.put(StoreKeys.of(streamId, add.viewerId()), PRESENT);
    } else if (change instanceof ViewerChange.Remove remove) {
      viewers.delete(StoreKeys.of(streamId, remove.viewerId()));
    }
  }

  void hold(String streamId, Source source, long nowMillis, byte[] bytes) {
    held.put(StoreKeys.of(streamId, source.offset()),
        ByteBuffer.allocate(Long.BYTES + bytes.length).putLong(nowMillis).put(bytes).array());
  }

  /** The stream's held events, oldest first (by source offset). */
  List<HeldEvent> held(String streamId) {
    List<HeldEvent> events = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = held.prefixScan(StoreKeys.prefix(streamId), PREFIX_SERIALIZER)) {
      it.forEachRemaining(kv -> events.add(decode(kv)));
    }
    return events;
  }

  void release(HeldEvent event) {
    held.delete(event.key());
  }

  /** Every held event, in key order (so each stream's oldest first). */
  void forEachHeld(Consumer<HeldEvent> action) {
    try (KeyValueIterator<String, byte[]> all = held.all()) {
      all.forEachRemaining(kv -> action.accept(decode(kv)));
    }
  }

  static String streamOf(HeldEvent event) {
    return StoreKeys.owner(event.key());
  }

  private HeldEvent decode(KeyValue<String, byte[]> kv) {
    long heldAt = ByteBuffer.wrap(kv.value, 0, Long.BYTES).getLong();
    return new HeldEvent(kv.key, new Source(partition, StoreKeys.offset(kv.key)), heldAt,
        Arrays.copyOfRange(kv.value, Long.BYTES, kv.value.length));
  }
}
