package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.StreamGate;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One assignment of one partition, shared by the poll thread (which owns the consumer) and the dispatcher (which owns
 * the records): the dispatcher says whether the partition should be paused and up to where its records are durable;
 * the poll loop pauses, resumes and commits accordingly. A new assignment of the same partition is a new lease, so
 * late news about the old one is recognised and ignored.
 */
public final class PartitionLease {
  private final TopicPartition partition;
  private final Duration tier;
  private volatile boolean pauseWanted;
  private volatile long committable = -1;
  private volatile boolean revoked;
  private final List<StreamGate> gates;

  /** @param tier the retry topic's delay, or null for the deliveries topic */
  public PartitionLease(TopicPartition partition, Duration tier) {
    this(partition, tier, List.of());
  }

  /** @param gates the gates its previous owners left open (a partition of the deliveries topic) */
  public PartitionLease(TopicPartition partition, Duration tier, List<StreamGate> gates) {
    this.partition = partition;
    this.tier = tier;
    this.gates = List.copyOf(gates);
  }

  /** The open gates of the ordered streams on this partition when it was assigned. */
  public List<StreamGate> gates() {
    return gates;
  }

  public TopicPartition partition() {
    return partition;
  }

  public Duration tier() {
    return tier;
  }

  public boolean pauseWanted() {
    return pauseWanted;
  }

  void wantPaused(boolean paused) {
    this.pauseWanted = paused;
  }

  /** Everything below this offset is durable; -1 before anything is. */
  public long committable() {
    return committable;
  }

  void durableUpTo(long offset) {
    if (offset > committable) {
      committable = offset;
    }
  }

  public boolean revoked() {
    return revoked;
  }

  void revoke() {
    revoked = true;
  }

  @Override
  public String toString() {
    return partition.toString();
  }
}
