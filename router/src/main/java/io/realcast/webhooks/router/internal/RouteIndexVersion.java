package io.realcast.webhooks.router.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes to the registry index: the global thread counts each change after writing it, and the stream
 * threads, which keep the routes they read ({@link RouteCache}), drop them when the count has moved.
 */
public final class RouteIndexVersion {
  private final AtomicLong changes = new AtomicLong();

  void changed() {
    changes.incrementAndGet();
  }

  long current() {
    return changes.get();
  }
}
