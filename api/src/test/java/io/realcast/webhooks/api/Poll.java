package io.realcast.webhooks.api;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until a deadline: no sleeps standing in for conditions. */
final class Poll {
  private Poll() {}

  static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = probe.get();
    }
    return last;
  }
}
