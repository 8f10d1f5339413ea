package io.realcast.webhooks.router.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * In-memory index of when each stream next needs the router, so that a wake-up touches only the streams due
 * then, not every live stream. Derived from the stores (rebuilt when a task starts), never stored itself.
 * One entry per stream: scheduling it again replaces its time.
 */
final class WakeUpSchedule {
  private record Entry(long atMillis, String streamId) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int byTime = Long.compare(atMillis, o.atMillis);
      return byTime != 0 ? byTime : streamId.compareTo(o.streamId);
    }
  }

  private final TreeSet<Entry> byTime = new TreeSet<>();
  private final Map<String, Long> byStream = new HashMap<>();

  void schedule(String streamId, long atMillis) {
    Long previous = byStream.put(streamId, atMillis);
    if (previous != null) {
      byTime.remove(new Entry(previous, streamId));
    }
    byTime.add(new Entry(atMillis, streamId));
  }

  /** Schedules the stream unless it is scheduled already (its earlier time stands). */
  void scheduleIfAbsent(String streamId, long atMillis) {
    if (!byStream.containsKey(streamId)) {
      schedule(streamId, atMillis);
    }
  }

  void cancel(String streamId) {
    Long previous = byStream.remove(streamId);
    if (previous != null) {
      byTime.remove(new Entry(previous, streamId));
    }
  }

  /** Removes and returns the streams due at {@code nowMillis}, earliest first. */
  List<String> takeDue(long nowMillis) {
    List<String> due = new ArrayList<>();
    while (!byTime.isEmpty() && byTime.first().atMillis() <= nowMillis) {
      Entry e = byTime.pollFirst();
      byStream.remove(e.streamId());
      due.add(e.streamId());
    }
    return due;
  }

  int size() {
    return byStream.size();
  }

  void clear() {
    byTime.clear();
    byStream.clear();
  }
}
