package io.realcast.webhooks.deliverer.internal;

import java.util.List;

/** What the {@link PollLoop} hands records to: the dispatcher. Called on the poll thread; must not block. */
public interface Intake {
  /** A partition was assigned: records of {@code lease} follow. */
  void assigned(PartitionLease lease);

  /** The next records of {@code lease}, in offset order. */
  void received(PartitionLease lease, List<Inbound> records);

  /** The partition is gone (after its last commit): forget what was not started and ignore late news about it. */
  void revoked(PartitionLease lease);

  /** The loop is stopping: start nothing new and drop what has not started (it is not committed). */
  void stopping();

  /** Attempts in flight or outcomes not yet durable: what a stopping loop waits for. */
  int unfinished();

  /**
   * Records handed over that the intake has not taken up yet. The loop stops reading while this is high: without it a
   * busy intake would let fetched records pile up in memory.
   */
  int backlog();
}
