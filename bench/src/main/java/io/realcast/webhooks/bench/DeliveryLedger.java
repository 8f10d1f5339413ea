package io.realcast.webhooks.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which (event, subscription) pairs were answered 2xx at least once: one bit per subscription of the
 * event's app, so the closing ledger counts unique deliveries and, separately, duplicates.
 */
final class DeliveryLedger {
  private final AtomicIntegerArray delivered;
  private final AtomicIntegerArray dead;
  private final AtomicLong unique = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  DeliveryLedger(int events) {
    this.delivered = new AtomicIntegerArray(events);
    this.dead = new AtomicIntegerArray(events);
  }

  int capacity() {
    return delivered.length();
  }

  /** Records a dead letter for subscription {@code sub} of event {@code seq}; false if out of range or seen before. */
  boolean deadLettered(int seq, int sub) {
    if (seq < 0 || seq >= dead.length() || sub < 0 || sub > 30) {
      return false;
    }
    int bit = 1 << sub;
    while (true) {
      int before = dead.get(seq);
      if ((before & bit) != 0) {
        return false;
      }
      if (dead.compareAndSet(seq, before, before | bit)) {
        return true;
      }
    }
  }

  /** Pairs (event, subscription) delivered, dead-lettered, or both: what is accounted for. */
  long accounted() {
    long n = 0;
    for (int i = 0; i < delivered.length(); i++) {
      n += Integer.bitCount(delivered.get(i) | dead.get(i));
    }
    return n;
  }

  /** Subscriptions (as bits) among the first {@code fanOut} of event {@code seq} neither delivered nor dead-lettered yet. */
  int unaccounted(int seq, int fanOut) {
    int mask = fanOut >= 31 ? -1 : (1 << fanOut) - 1;
    return ~(delivered.get(seq) | dead.get(seq)) & mask;
  }

  /** Pairs both answered 2xx and dead-lettered: the deliverer gave up on an attempt that did reach the receiver. */
  long deliveredAndDead() {
    long n = 0;
    for (int i = 0; i < delivered.length(); i++) {
      n += Integer.bitCount(delivered.get(i) & dead.get(i));
    }
    return n;
  }

  long deadUnique() {
    long n = 0;
    for (int i = 0; i < dead.length(); i++) {
      n += Integer.bitCount(dead.get(i));
    }
    return n;
  }

  /** Records a 2xx for subscription {@code sub} (0..31 within its app) of event {@code seq}; true the first time. */
  boolean delivered(int seq, int sub) {
    if (seq < 0 || seq >= delivered.length()) {
      return false;
    }
    int bit = 1 << sub;
    while (true) {
      int before = delivered.get(seq);
      if ((before & bit) != 0) {
        duplicates.incrementAndGet();
        return false;
      }
      if (delivered.compareAndSet(seq, before, before | bit)) {
        unique.incrementAndGet();
        return true;
      }
    }
  }

  long unique() {
    return unique.get();
  }

  long duplicates() {
    return duplicates.get();
  }
}
