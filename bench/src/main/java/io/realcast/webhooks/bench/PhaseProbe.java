package io.realcast.webhooks.bench;

import java.util.concurrent.atomic.AtomicLong;

/** Healthy deliveries of one phase's events [from, to): how many arrived, and their latency. */
final class PhaseProbe {
  private final int from;
  private final int to;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final AtomicLong healthy = new AtomicLong();

  PhaseProbe(int from, int to) {
    this.from = from;
    this.to = to;
  }

  boolean contains(int seq) {
    return seq >= from && seq < to;
  }

  void healthy(long latencyMicros) {
    healthy.incrementAndGet();
    if (latencyMicros >= 0) {
      latency.record(latencyMicros);
    }
  }

  long healthy() {
    return healthy.get();
  }

  LatencyHistogram latency() {
    return latency;
  }
}
