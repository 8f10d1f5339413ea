package io.realcast.webhooks.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which (event, subscription) pairs were answered 2xx at least once: one bit per subscription of the
 * event's app, so the closing ledger counts unique deliveries and, separately, duplicates.
 */
final class DeliveryLedger {
  private final AtomicIntegerArray delivered;
  private final AtomicLong unique = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  DeliveryLedger(int events) {
    this.delivered = new AtomicIntegerArray(events);
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
