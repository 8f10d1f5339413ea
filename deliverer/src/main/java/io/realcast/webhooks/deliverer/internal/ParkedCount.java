package io.realcast.webhooks.deliverer.internal;

import java.util.TreeMap;

/**
 * A lane's deliveries that this instance parked in retry topics and that are not due back yet: what is ahead of the
 * next one it parks. Counted by due time, not by reading them back (another instance may own the retry topic's
 * partition), so what is due drops out by itself. Kept in buckets of {@link #BUCKET_NANOS} by due time, rounded down:
 * a parked delivery stops counting no later than it is due, and a lane parking thousands keeps a few hundred entries.
 */
final class ParkedCount {
  static final long BUCKET_NANOS = 100_000_000L;

  private final TreeMap<Long, Integer> byDueBucket = new TreeMap<>();
  private int total;

  void parked(long dueNanos) {
    byDueBucket.merge(Math.floorDiv(dueNanos, BUCKET_NANOS), 1, Integer::sum);
    total++;
  }

  int notYetDue(long nowNanos) {
    long bucketNow = Math.floorDiv(nowNanos, BUCKET_NANOS);
    while (!byDueBucket.isEmpty() && byDueBucket.firstKey() <= bucketNow) {
      total -= byDueBucket.pollFirstEntry().getValue();
    }
    return total;
  }
}
