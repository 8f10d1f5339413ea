package io.realcast.webhooks.deliverer.internal;

import java.util.ArrayDeque;

/**
 * The dispatcher's side of one {@link PartitionLease}: records received but not yet placed (the partition is held
 * while there are any), and the progress of everything received towards durability.
 */
final class PartitionQueue {
  final PartitionLease lease;
  final PartitionProgress progress = new PartitionProgress();
  final ArrayDeque<Inbound> pending = new ArrayDeque<>();
  long holdTimer = -1;
  java.time.Instant holdAt;
  boolean waitingForInstance;
  boolean revoked;

  PartitionQueue(PartitionLease lease) {
    this.lease = lease;
  }

  void durable(long offset) {
    if (!revoked) {
      progress.durable(offset);
      lease.durableUpTo(progress.committable());
    }
  }
}
