package io.realcast.webhooks.tools.demo;

import java.util.concurrent.atomic.AtomicLong;

/** The seed's "Monitor Webhook Health" counters: received, processed, failed. */
final class ReceiverStats {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** An immutable reading, serialized as the seed's {@code GET /webhooks/stats} body. */
  record Snapshot(long received, long processed, long failed) {
    String toJson() {
      return "{\"received\":" + received + ",\"processed\":" + processed + ",\"failed\":" + failed + "}";
    }
  }

  void received() {
    received.incrementAndGet();
  }

  void processed() {
    processed.incrementAndGet();
  }

  void failed() {
    failed.incrementAndGet();
  }

  Snapshot snapshot() {
    return new Snapshot(received.get(), processed.get(), failed.get());
  }
}
