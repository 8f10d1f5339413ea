package io.realcast.webhooks.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each benchmark event was scheduled to be produced (System.nanoTime), by sequence number. Latency
 * is measured from here, not from when the event was actually sent, so a load generator that falls
 * behind a slow system cannot hide the delay (open loop, no coordinated omission).
 */
final class EventSchedule {
  private final AtomicLongArray scheduledNanos;

  EventSchedule(int capacity) {
    this.scheduledNanos = new AtomicLongArray(capacity);
  }

  int capacity() {
    return scheduledNanos.length();
  }

  void scheduled(int seq, long nanos) {
    scheduledNanos.set(seq, nanos);
  }

  /** The scheduled time, or 0 if {@code seq} is unknown. */
  long scheduledAt(int seq) {
    return seq >= 0 && seq < scheduledNanos.length() ? scheduledNanos.get(seq) : 0;
  }
}
