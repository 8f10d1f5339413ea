package io.realcast.webhooks.deliverer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The waiting deliveries of one lane, and the discipline in which they start. Used by the dispatcher's thread only. */
abstract class LaneQueue {
  abstract void add(Work w);

  /** Deliveries not running (including ordered ones waiting to be retried in place). */
  abstract int waiting();

  /** A delivery that may start now, taken out of the waiting ones (it is running from here), or null. */
  abstract Work next(long nowNanos);

  /** Whether {@link #next} would return one now. */
  abstract boolean hasNext(long nowNanos);

  /** The earliest moment a waiting delivery may start, if none may now; {@code Long.MAX_VALUE} if none ever will by itself. */
  abstract long nextStartNanos(long nowNanos);

  /** {@code w} is final: it leaves the queue for good. */
  abstract void finished(Work w);

  /** {@code w} goes back to waiting, at its place, until {@code notBeforeNanos}. */
  abstract void retryLater(Work w, long notBeforeNanos);

  /** Deliveries queued behind {@code w} in its stream (for the record of what it held back). */
  abstract List<Work> behind(Work w);

  /** Removes what waits and came from {@code source}; returns how many. */
  abstract int drop(PartitionQueue source);

  /** Takes the newest waiting deliveries (fresh ones first) until at most {@code keep} wait; empty when shedding would reorder. */
  abstract List<Work> shed(int keep);

  /** Due retries ahead of fresh deliveries; any number in flight. */
  static final class Unordered extends LaneQueue {
    private final ArrayDeque<Work> retries = new ArrayDeque<>();
    private final ArrayDeque<Work> fresh = new ArrayDeque<>();

    @Override
    void add(Work w) {
      (w.isRetry() ? retries : fresh).add(w);
    }

    @Override
    int waiting() {
      return retries.size() + fresh.size();
    }

    @Override
    Work next(long nowNanos) {
      return retries.isEmpty() ? fresh.poll() : retries.poll();
    }

    @Override
    boolean hasNext(long nowNanos) {
      return waiting() > 0;
    }

    @Override
    long nextStartNanos(long nowNanos) {
      return waiting() > 0 ? nowNanos : Long.MAX_VALUE;
    }

    @Override
    void finished(Work w) {
      // It left the queue when it started.
    }

    @Override
    void retryLater(Work w, long notBeforeNanos) {
      throw new IllegalStateException("an unordered lane retries through a retry topic");
    }

    @Override
    List<Work> behind(Work w) {
      return List.of();
    }

    @Override
    int drop(PartitionQueue source) {
      int before = waiting();
      retries.removeIf(x -> x.source == source);
      fresh.removeIf(x -> x.source == source);
      return before - waiting();
    }

    @Override
    List<Work> shed(int keep) {
      List<Work> shed = new ArrayList<>();
      while (waiting() > keep) {
        shed.add(fresh.isEmpty() ? retries.pollLast() : fresh.pollLast());
      }
      return shed;
    }
  }

  /**
   * One FIFO per stream; a stream's head stays at the head until it is final (delivered, dead or superseded), retries
   * in place included, so nothing of a stream overtakes anything before it. Streams take turns.
   */
  static final class Ordered extends LaneQueue {
    private final Map<String, ArrayDeque<Work>> streams = new HashMap<>();
    /** Streams whose head is waiting (not running), in turn order. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int waiting;

    @Override
    void add(Work w) {
      ArrayDeque<Work> q = streams.computeIfAbsent(w.stream(), s -> new ArrayDeque<>());
      q.add(w);
      waiting++;
      if (q.size() == 1) {
        turns.add(w.stream());
      }
    }

    @Override
    int waiting() {
      return waiting;
    }

    @Override
    Work next(long nowNanos) {
      for (int n = turns.size(); n > 0; n--) {
        String stream = turns.poll();
        Work head = streams.get(stream).peek();
        if (head.notBeforeNanos - nowNanos <= 0) {
          waiting--;
          return head; // stays the head of its stream while it runs
        }
        turns.add(stream);
      }
      return null;
    }

    @Override
    boolean hasNext(long nowNanos) {
      for (String stream : turns) {
        if (streams.get(stream).peek().notBeforeNanos - nowNanos <= 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    long nextStartNanos(long nowNanos) {
      long earliest = Long.MAX_VALUE;
      for (String stream : turns) {
        long at = Math.max(nowNanos, streams.get(stream).peek().notBeforeNanos);
        earliest = Math.min(earliest, at);
      }
      return earliest;
    }

    @Override
    void finished(Work w) {
      ArrayDeque<Work> q = streams.get(w.stream());
      if (q == null || q.peek() != w) {
        return;
      }
      q.poll();
      if (q.isEmpty()) {
        streams.remove(w.stream());
      } else {
        turns.add(w.stream());
      }
    }

    @Override
    void retryLater(Work w, long notBeforeNanos) {
      w.notBeforeNanos = notBeforeNanos;
      waiting++;
      turns.add(w.stream());
    }

    @Override
    List<Work> behind(Work w) {
      ArrayDeque<Work> q = streams.get(w.stream());
      if (q == null) {
        return List.of();
      }
      List<Work> behind = new ArrayList<>(q);
      behind.remove(w);
      return behind;
    }

    @Override
    int drop(PartitionQueue source) {
      int dropped = 0;
      for (var it = streams.entrySet().iterator(); it.hasNext(); ) {
        ArrayDeque<Work> q = it.next().getValue();
        int before = q.size();
        q.removeIf(x -> x.source == source && !x.running);
        dropped += before - q.size();
        if (q.isEmpty()) {
          it.remove();
        }
      }
      waiting -= dropped;
      turns.removeIf(s -> !streams.containsKey(s) || streams.get(s).peek().running);
      return dropped;
    }

    @Override
    List<Work> shed(int keep) {
      return List.of(); // shedding an ordered lane could let a shed delivery be overtaken: it waits instead
    }
  }
}
