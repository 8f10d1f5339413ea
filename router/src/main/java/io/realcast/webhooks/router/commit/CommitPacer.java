package io.realcast.webhooks.router.commit;

/**
 * Decides when one stream thread commits. Every task the thread runs shares its pacer, because under exactly-once
 * (v2) one commit covers all of them. Not thread-safe: it belongs to its stream thread.
 *
 * <p>The interval is half the time the input being read had already waited when the router read it (its producer's
 * timestamp to now, smoothed over records), within the {@link CommitPace}. While the router keeps up, input is read a
 * few milliseconds after it was produced and the interval is the floor. When the router falls behind, a late record
 * waits at most half as long again for its commit, each transaction carries proportionally more deliveries, and
 * the fixed cost per commit stops eating the time the router needs to catch up. A producer whose clock runs behind
 * makes its records look late, which only lengthens the interval up to the ceiling; one that runs ahead looks
 * punctual.
 */
public final class CommitPacer {
  /** Each record moves the lag estimate an eighth of the way to its own lag: a burst is seen within tens of records. */
  private static final int SMOOTHING = 8;

  private final long floorMs;
  private final long ceilingMs;
  private long lastCommitMs = Long.MIN_VALUE / 2;
  private long openSinceMs;
  private long generation;
  private boolean open;
  private double lagMs;

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
    // Beyond twice the ceiling the interval is the ceiling anyway. Capping at twice that lets a few late records
    // reach the ceiling, and keeps a replay of old input from holding the estimate high once the router has caught up.
    long lag = Math.min(4 * ceilingMs, Math.max(0, nowMs - producedAtMs));
    lagMs += (lag - lagMs) / SMOOTHING;
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
    return Math.min(ceilingMs, Math.max(floorMs, (long) (lagMs / 2)));
  }

  /**
   * The caller asked Kafka Streams to commit: everything processed so far is in that commit.
   *
   * @return how long its first record has waited for it, in milliseconds (0 when nothing was open)
   */
  public long committing(long nowMs) {
    long openFor = open ? nowMs - openSinceMs : 0;
    lastCommitMs = nowMs;
    open = false;
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
