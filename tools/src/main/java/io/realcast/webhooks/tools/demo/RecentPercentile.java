package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A percentile of what timers recorded over the last {@code window}, read from their cumulative histogram buckets:
 * each reading keeps the buckets it saw, and the percentile is taken over the difference from the newest earlier
 * reading at or before the window's start (from the first reading while none is that old), so read it often: the
 * window overruns by up to the time between readings. A since-start percentile would show the start-up's first,
 * slow deliveries for as long as the demo runs. Not thread-safe: one reader.
 */
final class RecentPercentile {
  private final double quantile;
  private final long windowNanos;
  private final Deque<Reading> readings = new ArrayDeque<>();

  RecentPercentile(double quantile, Duration window) {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1]: " + quantile);
    }
    this.quantile = quantile;
    this.windowNanos = window.toNanos();
  }

  /**
   * Reads the timers at {@code nowNanos} (a monotonic clock).
   *
   * @return the percentile of what they recorded over the window, empty when they recorded nothing in it
   */
  Optional<Duration> read(Iterable<Timer> timers, long nowNanos) {
    Reading now = Reading.of(timers, nowNanos);
    // Keep the newest reading at or before the window's start as the baseline, and nothing older.
    while (readings.size() > 1 && nowNanos - secondOldest().atNanos >= windowNanos) {
      readings.removeFirst();
    }
    Reading baseline = readings.peekFirst();
    readings.addLast(now);
    return baseline == null ? now.percentile(quantile) : now.minus(baseline).percentile(quantile);
  }

  private Reading secondOldest() {
    var it = readings.iterator();
    it.next();
    return it.next();
  }

  /** The timers' buckets merged across their tags: upper bounds in nanoseconds, cumulative counts, the total. */
  record Reading(long atNanos, double[] bounds, double[] cumulative, long total) {
    static Reading of(Iterable<Timer> timers, long atNanos) {
      double[] bounds = new double[0];
      double[] cumulative = new double[0];
      long total = 0;
      for (Timer timer : timers) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        CountAtBucket[] buckets = snapshot.histogramCounts();
        if (bounds.length == 0) {
          bounds = new double[buckets.length];
          cumulative = new double[buckets.length];
          for (int i = 0; i < buckets.length; i++) {
            bounds[i] = buckets[i].bucket(TimeUnit.NANOSECONDS);
          }
        }
        for (int i = 0; i < Math.min(buckets.length, cumulative.length); i++) {
          cumulative[i] += buckets[i].count();
        }
        total += snapshot.count();
      }
      return new Reading(atNanos, bounds, cumulative, total);
    }

    Reading minus(Reading earlier) {
      if (earlier.cumulative.length != cumulative.length) {
        return this; // the first timer appeared after the earlier reading: it held nothing
      }
      double[] diff = new double[cumulative.length];
      for (int i = 0; i < diff.length; i++) {
        diff[i] = cumulative[i] - earlier.cumulative[i];
      }
      return new Reading(atNanos, bounds, diff, total - earlier.total);
    }

    /** The upper bound of the bucket the quantile falls in; the last bound when it lies beyond every bucket. */
    Optional<Duration> percentile(double quantile) {
      if (bounds.length == 0 || total == 0) {
        return Optional.empty();
      }
      double wanted = quantile * total;
      for (int i = 0; i < bounds.length; i++) {
        if (cumulative[i] >= wanted) {
          return Optional.of(Duration.ofNanos((long) bounds[i]));
        }
      }
      return Optional.of(Duration.ofNanos((long) bounds[bounds.length - 1])); // beyond the last bucket: at least this
    }
  }
}
