package io.realcast.webhooks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What arrived at the receivers, second by second since the run started: healthy deliveries,
 * other requests, and the latency of healthy deliveries. The source of the chart and of every rate.
 */
final class Timeline {
  static final int MAX_SECONDS = 1_800;

  private final long originNanos;
  private final AtomicLongArray healthy = new AtomicLongArray(MAX_SECONDS);
  private final AtomicLongArray other = new AtomicLongArray(MAX_SECONDS);
  private final AtomicReferenceArray<LatencyHistogram> latency = new AtomicReferenceArray<>(MAX_SECONDS);

  Timeline(long originNanos) {
    this.originNanos = originNanos;
  }

  long originNanos() {
    return originNanos;
  }

  double secondsAt(long nanos) {
    return (nanos - originNanos) / 1e9;
  }

  /** A 2xx delivery to a healthy endpoint that arrived at {@code arrivalNanos}, {@code latencyMicros} after its schedule. */
  void healthy(long arrivalNanos, long latencyMicros) {
    int s = slot(arrivalNanos);
    healthy.incrementAndGet(s);
    if (latencyMicros >= 0) {
      histogram(s).record(latencyMicros);
    }
  }

  /** Any other request: to a slow or failing endpoint, or a duplicate. */
  void other(long arrivalNanos) {
    other.incrementAndGet(slot(arrivalNanos));
  }

  long healthyBetween(long fromNanos, long toNanos) {
    long n = 0;
    for (int s = slot(fromNanos); s < slot(toNanos); s++) {
      n += healthy.get(s);
    }
    return n;
  }

  /** Per-second rows from second 0 to the one containing {@code untilNanos}. */
  List<Second> seconds(long untilNanos) {
    List<Second> rows = new ArrayList<>();
    for (int s = 0; s <= slot(untilNanos); s++) {
      LatencyHistogram h = latency.get(s);
      rows.add(new Second(s, healthy.get(s), other.get(s),
          h == null ? 0 : h.quantile(0.50) / 1000.0, h == null ? 0 : h.quantile(0.99) / 1000.0));
    }
    return rows;
  }

  /** One second of the run: counts, and latency percentiles in milliseconds (0 when nothing healthy arrived). */
  record Second(int second, long healthy, long other, double p50Millis, double p99Millis) {}

  private LatencyHistogram histogram(int s) {
    LatencyHistogram h = latency.get(s);
    if (h == null) {
      latency.compareAndSet(s, null, new LatencyHistogram());
      h = latency.get(s);
    }
    return h;
  }

  private int slot(long nanos) {
    long s = (nanos - originNanos) / 1_000_000_000L;
    return (int) Math.max(0, Math.min(MAX_SECONDS - 1, s));
  }
}
