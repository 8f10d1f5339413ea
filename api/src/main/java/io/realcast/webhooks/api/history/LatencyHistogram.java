package io.realcast.webhooks.api.history;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Attempt latencies in buckets with two significant digits: exact below 100 ms, then 10 ms wide to 1 s, 100 ms
 * to 10 s, 1 s to 100 s, one bucket above. Small enough to keep per webhook for its lifetime and per minute for
 * the charts; a percentile is reported as its bucket's lower bound (exact below 100 ms, within 10% above).
 */
public record LatencyHistogram(SortedMap<Integer, Long> counts) {
  public static final LatencyHistogram EMPTY = new LatencyHistogram(new TreeMap<>());
  static final int OVERFLOW = 370;

  public LatencyHistogram {
    counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
  }

  static int bucket(long millis) {
    long v = Math.max(0, millis);
    if (v < 100) {
      return (int) v;
    }
    if (v < 1_000) {
      return 100 + (int) ((v - 100) / 10);
    }
    if (v < 10_000) {
      return 190 + (int) ((v - 1_000) / 100);
    }
    if (v < 100_000) {
      return 280 + (int) ((v - 10_000) / 1_000);
    }
    return OVERFLOW;
  }

  /** The smallest latency that falls into {@code bucket}. */
  static long lowerBound(int bucket) {
    if (bucket < 100) {
      return bucket;
    }
    if (bucket < 190) {
      return 100 + (bucket - 100) * 10L;
    }
    if (bucket < 280) {
      return 1_000 + (bucket - 190) * 100L;
    }
    if (bucket < OVERFLOW) {
      return 10_000 + (bucket - 280) * 1_000L;
    }
    return 100_000;
  }

  public LatencyHistogram with(long millis) {
    TreeMap<Integer, Long> next = new TreeMap<>(counts);
    next.merge(bucket(millis), 1L, Long::sum);
    return new LatencyHistogram(next);
  }

  public LatencyHistogram plus(LatencyHistogram other) {
    TreeMap<Integer, Long> next = new TreeMap<>(counts);
    other.counts.forEach((b, n) -> next.merge(b, n, Long::sum));
    return new LatencyHistogram(next);
  }

  public long total() {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    return n;
  }

  /** Nearest-rank percentile (its bucket's lower bound), or -1 without values. */
  public long percentile(int p) {
    long total = total();
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (Map.Entry<Integer, Long> e : counts.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return lowerBound(e.getKey());
      }
    }
    return lowerBound(counts.lastKey());
  }
}
