package io.realcast.webhooks.deliverer.internal;

import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of one assigned partition are dispatched but not yet durable, so the committed offset
 * never passes a record whose outcome could still be lost. Used by the poll thread only; one instance
 * per assignment, so completions for an earlier assignment of the same partition are recognised.
 */
public final class PartitionProgress {
  private final TopicPartition partition;
  private final TreeSet<Long> pending = new TreeSet<>();
  private long next = -1;
  private long committed = -1;

  public PartitionProgress(TopicPartition partition) {
    this.partition = partition;
  }

  public TopicPartition partition() {
    return partition;
  }

  public void dispatched(long offset) {
    pending.add(offset);
    next = Math.max(next, offset + 1);
  }

  public void done(long offset) {
    pending.remove(offset);
  }

  public int pendingCount() {
    return pending.size();
  }

  /** The offset to commit now (everything below it is durable), if it moved since the last commit. */
  public OptionalLong commitable() {
    long upTo = pending.isEmpty() ? next : pending.first();
    return upTo > committed ? OptionalLong.of(upTo) : OptionalLong.empty();
  }

  public void committed(long offset) {
    committed = Math.max(committed, offset);
  }
}
