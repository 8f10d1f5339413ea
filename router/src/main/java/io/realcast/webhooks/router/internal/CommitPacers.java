package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.commit.CommitPace;
import io.realcast.webhooks.router.commit.CommitPacer;

/** One {@link CommitPacer} per stream thread, shared by the tasks it runs (one commit covers them all). */
public final class CommitPacers {
  private final CommitPace pace;
  private final ThreadLocal<CommitPacer> byThread;

  public CommitPacers(CommitPace pace) {
    this.pace = pace;
    this.byThread = ThreadLocal.withInitial(() -> new CommitPacer(pace));
  }

  CommitPace pace() {
    return pace;
  }

  /** The calling stream thread's pacer. Looked up per call: a task's processors are not bound to a thread at init. */
  CommitPacer current() {
    return byThread.get();
  }
}
