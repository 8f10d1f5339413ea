package io.realcast.webhooks.deliverer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The waiting deliveries of one lane, and the discipline in which they start. Used by the dispatcher's thread only. */
abstract class LaneQueue {
  abstract void add(Work w);

  /** Deliveries not running. */
  abstract int waiting();

  /** A delivery that may start now, taken out of the waiting ones (it is running from here), or null. */
  abstract Work next(long nowNanos);

  /** Whether {@link #next} would return one now. */
  abstract boolean hasNext(long nowNanos);

  /** Whether the next one to start is a due retry, which may take a retry turn (see the dispatcher's pump). */
  boolean nextIsRetry() {
    return false;
  }

  /** The earliest moment a waiting delivery may start, if none may now; {@code Long.MAX_VALUE} if none ever will by itself. */
  abstract long nextStartNanos(long nowNanos);

  /** {@code w} is final: it leaves the queue for good. */
  abstract void finished(Work w);

  /** Deliveries queued behind {@code w} in its stream (for the record of what it held back). */
  abstract List<Work> behind(Work w);

  /** Removes what waits and came from {@code source}; returns how many. */
  abstract int drop(PartitionQueue source);

  /**
   * Takes the newest waiting deliveries (fresh ones first) until at most {@code keep} wait, and returns them oldest
   * first; empty when shedding would reorder.
   */
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
    boolean nextIsRetry() {
      return !retries.isEmpty();
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
      Collections.reverse(shed);
      return shed;
    }
  }

  /**
   * One queue per stream, in the order of the stream's sequence numbers (arrival order for deliveries without one); a
   * stream's head runs alone and leaves only when it is final or goes to a retry topic, so nothing of a stream overtakes
   * anything before it. A head may start only when {@code mayStart} says so: its stream's gate lets it through (see
   * {@link io.realcast.webhooks.deliverer.StreamGate}). Streams take turns.
   */
  static final class Ordered extends LaneQueue {
    private final Predicate<Work> mayStart;
    private final Map<String, ArrayDeque<Work>> streams = new HashMap<>();
    /** Streams whose head is waiting (not running), in turn order. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int waiting;

    Ordered(Predicate<Work> mayStart) {
      this.mayStart = mayStart;
    }

    @Override
    void add(Work w) {
      ArrayDeque<Work> q = streams.computeIfAbsent(w.stream(), s -> new ArrayDeque<>());
      Work oldHead = q.peek();
      insertInOrder(q, w);
      waiting++;
      if (oldHead == null) {
        turns.add(w.stream());
      }
    }

    /** Behind the last one with a lower number: almost always at the end, as streams arrive in order. */
    private static void insertInOrder(ArrayDeque<Work> q, Work w) {
      ArrayDeque<Work> later = new ArrayDeque<>();
      while (!q.isEmpty() && !q.peekLast().running && q.peekLast().sequence() > w.sequence()) {
        later.push(q.pollLast());
      }
      q.add(w);
      q.addAll(later);
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
        if (mayStart.test(head)) {
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
        if (mayStart.test(streams.get(stream).peek())) {
          return true;
        }
      }
      return false;
    }

    @Override
    long nextStartNanos(long nowNanos) {
      return hasNext(nowNanos) ? nowNanos : Long.MAX_VALUE; // a gated head waits for its gate, not for time
    }

    /** The lowest sequence number of {@code stream} held here, running or waiting; Long.MAX_VALUE if none. */
    long lowestSequence(String stream) {
      ArrayDeque<Work> q = streams.get(stream);
      return q == null || q.isEmpty() ? Long.MAX_VALUE : q.peek().sequence();
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
      return List.of(); // an ordered lane's waiting deliveries leave through their stream's gate, never by shedding
    }
  }
}
