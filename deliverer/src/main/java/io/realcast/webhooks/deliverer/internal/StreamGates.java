package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.StreamGate;
import io.realcast.webhooks.delivery.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open gates of the ordered streams whose webhooks' partitions of {@code realcast.deliveries} this instance owns
 * (docs/DELIVERY.md, "Ordered streams"). This instance is their only writer: ordered deliveries read from a retry topic
 * come back through the deliveries topic, so whoever owns a webhook's partition decides all of its streams. A gate is
 * written to {@code realcast.deliveries.gates} together with the writes of the delivery that changed it, so an offset
 * is committed only once the gate that covers it is durable; the next owner of the partition starts from what was
 * written. Owned by the dispatcher's context.
 */
final class StreamGates {
  private static final Logger LOG = LoggerFactory.getLogger(StreamGates.class);
  /** A gate that has not moved for this long while a later delivery waits is stuck (its next one was lost): it skips. */
  static final Duration STUCK_AFTER = Duration.ofMinutes(10);

  private final Recorder recorder;
  private final DelivererMetrics metrics;
  private final Map<String, Open> open = new HashMap<>();
  private volatile int openSeen;

  /** A gate, the partition it belongs to, and when it last moved. */
  private static final class Open {
    StreamGate gate;
    final PartitionLease lease;
    long movedNanos;

    Open(StreamGate gate, PartitionLease lease, long movedNanos) {
      this.gate = gate;
      this.lease = lease;
      this.movedNanos = movedNanos;
    }
  }

  StreamGates(Recorder recorder, DelivererMetrics metrics) {
    this.recorder = recorder;
    this.metrics = metrics;
    metrics.openGates(() -> openSeen);
  }

  /** The gates the previous owners of a newly assigned partition of the deliveries topic left open. */
  void assigned(PartitionLease lease, List<StreamGate> gates, long nowNanos) {
    for (StreamGate g : gates) {
      open.put(g.key(), new Open(g, lease, nowNanos));
    }
    openSeen = open.size();
  }

  /** The partition went to another instance: so do its gates (they are durable already). */
  void revoked(PartitionLease lease) {
    open.values().removeIf(o -> o.lease == lease);
    openSeen = open.size();
  }

  /** The open gate of the delivery's stream, or null (none open, or the delivery is not numbered). */
  StreamGate gate(Delivery d) {
    if (d.sequence() == 0 || d.streamId() == null || open.isEmpty()) {
      return null;
    }
    Open o = open.get(StreamGate.key(d));
    return o == null ? null : o.gate;
  }

  /** Whether {@code d} may start: it is not numbered, its stream has no gate, or the gate lets it through. */
  boolean admits(Delivery d) {
    StreamGate g = gate(d);
    return g == null || g.admits(d);
  }

  /**
   * {@code d} of an ordered webhook leaves memory unfinished (deferred, or for a retry topic): from here its stream is
   * gated at {@code next}, the oldest of the stream not final yet, so nothing later overtakes it; if {@code d} is that
   * one, the gate also keeps when it is {@code due} again. Returns what to run when both the gate and the caller's own
   * write are durable.
   */
  Runnable leaves(Delivery d, long next, Instant due, PartitionLease lease, long nowNanos, Runnable durable) {
    if (d.sequence() == 0 || d.streamId() == null) {
      return durable;
    }
    Open o = open.get(StreamGate.key(d));
    StreamGate changed = (o == null ? StreamGate.at(d, next, d.sequence()) : o.gate.seen(d.sequence()))
        .dueAgain(d.sequence(), due);
    if (o != null && changed.equals(o.gate)) {
      return durable;
    }
    if (o == null) {
      open.put(changed.key(), new Open(changed, lease, nowNanos));
      openSeen = open.size();
    } else {
      o.gate = changed;
    }
    return write(changed.key(), Optional.of(changed), durable);
  }

  /** {@code d} is final (delivered, dead or superseded): its gate moves on, and closes once nothing waits behind it. */
  Runnable finished(Delivery d, long nowNanos, Runnable durable) {
    StreamGate g = gate(d);
    if (g == null) {
      return durable;
    }
    StreamGate moved = g.finished(d.sequence());
    if (moved.equals(g)) {
      return durable;
    }
    Open o = open.get(g.key());
    o.movedNanos = nowNanos;
    if (moved.drained()) {
      open.remove(g.key());
      openSeen = open.size();
      return write(g.key(), Optional.empty(), durable);
    }
    o.gate = moved;
    return write(g.key(), Optional.of(moved), durable);
  }

  /**
   * Skips the sequence number a gate waits for when it has not moved for {@link #STUCK_AFTER} (only a delivery lost
   * outside the platform's rules can cause that): to the lowest one waiting in memory, or one on. Returns whether any
   * moved.
   */
  boolean skipStuck(long nowNanos, ToLongFunction<StreamGate> lowestWaiting) {
    boolean any = false;
    for (Open o : open.values()) {
      if (nowNanos - o.movedNanos < STUCK_AFTER.toNanos()) {
        continue;
      }
      long lowest = lowestWaiting.applyAsLong(o.gate);
      long to = lowest == Long.MAX_VALUE ? o.gate.next() + 1 : Math.max(lowest, o.gate.next() + 1);
      LOG.warn("Ordered stream {} waited {} for sequence {}: moving on to {}", o.gate.key(), STUCK_AFTER, o.gate.next(), to);
      metrics.gateSkipped();
      o.gate = new StreamGate(o.gate.webhookId(), o.gate.stream(), to, Math.max(o.gate.seen(), to - 1), null);
      o.movedNanos = nowNanos;
      write(o.gate.key(), Optional.of(o.gate), () -> {});
      any = true;
    }
    return any;
  }

  private Runnable write(String key, Optional<StreamGate> gate, Runnable durable) {
    Runnable both = Recorder.both(durable);
    recorder.gate(key, gate, both);
    return both;
  }
}
