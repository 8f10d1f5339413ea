package io.realcast.webhooks.router.commit;

/**
 * Decides when one stream thread commits. Every task the thread runs shares its pacer, because under exactly-once
 * (v2) one commit covers all of them. Not thread-safe: it belongs to its stream thread.
 *
 * <p>How far behind the router is: the smallest wait (producer timestamp to the moment it was read) among the
 * records of the last transaction and of the open one, that is, how late its freshest input was. Up to the pace's
 * ceiling behind, the router commits at the floor: that much is scheduling noise on a busy host, not a backlog, and
 * stretching on it only delays deliveries. So is being further behind for less than {@link #LATE_FOR_MS}: a pause
 * of the host (a collection, a descheduled core) leaves records hundreds of milliseconds late, the router catches up
 * within a few commits, and stretching those would only add to the latency the pause already caused. Once every
 * transaction for that long has been late beyond the ceiling, the interval is what the router is behind by more
 * than the ceiling, up to the ceiling: a record 150 ms late waits at most 50 ms more, one 200 ms or more late at most the
 * ceiling; each transaction then carries proportionally more deliveries, and the fixed cost per commit stops eating
 * the time the router needs to catch up. The freshest, not an average: after a pause, the backlog it left is read in
 * one go and its last records are punctual again, so the router goes straight back to the floor. A producer whose
 * clock runs behind makes its records look late (the interval stretches, at most to the ceiling, and only while no
 * punctual producer shares the transaction); one that runs ahead looks punctual.
 *
 * <p>The interval runs from the end of the last commit, as Kafka Streams' own does, not from when it was asked for: a
 * commit takes milliseconds (more on a busy host), and counting from the request had the thread commit back to back
 * under steady load, more often than a fixed interval and slower for it. So the pacer is told both when a commit is
 * asked for ({@link #committing}) and when one ends ({@link #committed}, from the thread's producer), whoever asked.
 */
public final class CommitPacer {
  private static final long NONE = Long.MAX_VALUE;
  /** How long the router must stay behind beyond the ceiling before its commits stretch: longer than a pause. */
  static final long LATE_FOR_MS = 1_000;

  private final long floorMs;
  private final long ceilingMs;
  private long lastCommitMs = Long.MIN_VALUE / 2;
  private long openSinceMs;
  private long generation;
  private boolean open;
  /** A commit was asked for and has not ended: everything processed meanwhile is in it. */
  private boolean requested;
  /** The smallest wait among the last committed transaction's records. */
  private long behindMs;
  /** The smallest wait among the open transaction's records so far. */
  private long freshestLagMs = NONE;
  /** When the first of the consecutive transactions whose freshest input was late beyond the ceiling committed. */
  private long lateSinceMs = NONE;

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

  /** True when records processed since the last commit have waited the current interval since it ended. */
  public boolean due(long nowMs) {
    return open && !requested && nowMs - lastCommitMs >= intervalMs(nowMs);
  }

  /** The interval the thread commits at now. */
  public long intervalMs(long nowMs) {
    if (lateSinceMs == NONE || nowMs - lateSinceMs < LATE_FOR_MS) {
      return floorMs;
    }
    long behind = Math.min(behindMs, freshestLagMs);
    return Math.min(ceilingMs, Math.max(floorMs, behind - ceilingMs));
  }

  /** How long until the open transaction is due at the current interval (0 if it is due now). */
  public long untilDueMs(long nowMs) {
    return Math.max(0, lastCommitMs + intervalMs(nowMs) - nowMs);
  }

  /**
   * The caller asked Kafka Streams to commit; until {@link #committed} nothing more is due.
   *
   * @return how long the open transaction's first record has waited for it, in milliseconds (0 when nothing was open)
   */
  public long committing(long nowMs) {
    requested = true;
    return open ? nowMs - openSinceMs : 0;
  }

  /** A commit of this thread ended at {@code nowMs}: everything processed so far is in it. */
  public void committed(long nowMs) {
    if (open) {
      behindMs = freshestLagMs;
      if (behindMs <= ceilingMs) {
        lateSinceMs = NONE;
      } else if (lateSinceMs == NONE) {
        lateSinceMs = nowMs;
      }
    }
    ended(nowMs);
  }

  /** The thread's transaction was aborted: its records will be read and processed again. */
  public void aborted(long nowMs) {
    ended(nowMs);
  }

  private void ended(long nowMs) {
    lastCommitMs = nowMs;
    requested = false;
    open = false;
    freshestLagMs = NONE;
    generation++;
  }

  /**
   * Counts commits ended: a task remembers the generation of its last record and asks {@link #covers} about it.
   */
  public long generation() {
    return generation;
  }

  /**
   * True when what a task processed at {@code generation} is committed or in a commit under way (whichever task
   * asked for it): the task need not wait to ask for one.
   */
  public boolean covers(long generation) {
    return requested || this.generation != generation;
  }
}
