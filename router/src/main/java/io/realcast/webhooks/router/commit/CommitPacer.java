package io.realcast.webhooks.router.commit;

/**
 * Decides when one stream thread commits. Every task the thread runs shares its pacer, because under exactly-once
 * (v2) one commit covers all of them. Not thread-safe: it belongs to its stream thread.
 *
 * <p>The interval is half of how far behind the router is, within the {@link CommitPace}. How far behind: the
 * smallest wait (producer timestamp to the moment the router read it) among the records of the last transaction and
 * of the open one, that is, how late the freshest input was. While the router keeps up, its freshest input is
 * read a few milliseconds after it was produced and the interval is the floor. When it falls behind, even its
 * freshest input is late: a late record then waits at most half as long again for its commit, each transaction
 * carries proportionally more deliveries, and the fixed cost per commit stops eating the time the router needs to
 * catch up. The freshest, not an average: after a pause of a second at light load, the backlog it left is read in
 * one go and the last records of it are punctual again, so the router goes straight back to the floor instead of
 * stretching its commits while it has nothing to catch up on. A producer whose clock runs behind makes its records
 * look late (the interval stretches, at most to the ceiling, and only while no punctual producer shares the
 * transaction); one that runs ahead looks punctual.
 */
public final class CommitPacer {
  private static final long NONE = Long.MAX_VALUE;

  private final long floorMs;
  private final long ceilingMs;
  private long lastCommitMs = Long.MIN_VALUE / 2;
  private long openSinceMs;
  private long generation;
  private boolean open;
  /** The smallest wait among the last committed transaction's records. */
  private long behindMs;
  /** The smallest wait among the open transaction's records so far. */
  private long freshestLagMs = NONE;

  public CommitPacer(CommitPace pace) {
    this.floorMs = pace.floor().toMillis();
    this.ceilingMs = pace.ceiling().toMillis();
  }

  /**
   * A record produced at {@code producedAtMs} was processed at {@code nowMs}.
   *
   * @return true when the thread should commit now; the caller asks for it and then calls {@link #committing}
   */
  public boolean processed(long nowMs, long producedAtMs) {
    freshestLagMs = Math.min(freshestLagMs, Math.max(0, nowMs - producedAtMs));
    if (!open) {
      open = true;
      openSinceMs = nowMs;
    }
    return due(nowMs);
  }

  /** True when records processed since the last commit have waited the current interval. */
  public boolean due(long nowMs) {
    return open && nowMs - lastCommitMs >= intervalMs();
  }

  /** The interval the thread commits at now. */
  public long intervalMs() {
    long behind = Math.min(behindMs, freshestLagMs);
    return Math.min(ceilingMs, Math.max(floorMs, behind / 2));
  }

  /**
   * The caller asked Kafka Streams to commit: everything processed so far is in that commit.
   *
   * @return how long its first record has waited for it, in milliseconds (0 when nothing was open)
   */
  public long committing(long nowMs) {
    long openFor = 0;
    if (open) {
      openFor = nowMs - openSinceMs;
      behindMs = freshestLagMs;
    }
    lastCommitMs = nowMs;
    open = false;
    freshestLagMs = NONE;
    generation++;
    return openFor;
  }

  /**
   * Counts commits asked for: a task that remembers the generation of its last record knows whether a commit has
   * covered it since, whichever task asked.
   */
  public long generation() {
    return generation;
  }
}
