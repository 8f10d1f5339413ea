package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.metrics.MetricDef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the progress line: counts from the services' own registries (the same meters Prometheus scrapes), so
 * the terminal and Grafana never disagree; the latency of first attempts from {@link FirstAttempts}.
 */
final class ProgressProbe {
  private final MeterRegistry events;
  private final MetricDef eventsMetric;
  private final MeterRegistry deliverer;
  private final MeterRegistry firstAttempts;

  /**
   * @param eventsMetric the counter (summed over its tags) that counts events published
   * @param firstAttempts holds {@link FirstAttempts#TIMER}
   */
  ProgressProbe(MeterRegistry events, MetricDef eventsMetric, MeterRegistry deliverer, MeterRegistry firstAttempts) {
    this.events = events;
    this.eventsMetric = eventsMetric;
    this.deliverer = deliverer;
    this.firstAttempts = firstAttempts;
  }

  ProgressReading read() {
    long delivered = (long) deliverer.find(DelivererMetrics.ATTEMPTS.name()).tag("outcome", "2xx").counters().stream()
        .mapToDouble(Counter::count).sum();
    return new ProgressReading(sum(events, eventsMetric), delivered, sum(deliverer, DelivererMetrics.RETRIES),
        sum(deliverer, DelivererMetrics.DEAD), p99(firstAttempts.find(FirstAttempts.TIMER).timers()));
  }

  private static long sum(MeterRegistry registry, MetricDef def) {
    return (long) registry.find(def.name()).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** The 99th percentile since start, from the timers' histogram buckets merged across event types. */
  static Optional<Duration> p99(Iterable<Timer> timers) {
    double[] bounds = null;
    double[] cumulative = null;
    long total = 0;
    for (Timer timer : timers) {
      HistogramSnapshot snapshot = timer.takeSnapshot();
      CountAtBucket[] buckets = snapshot.histogramCounts();
      if (bounds == null) {
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
    if (bounds == null || bounds.length == 0 || total == 0) {
      return Optional.empty();
    }
    double wanted = 0.99 * total;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= wanted) {
        return Optional.of(Duration.ofNanos((long) bounds[i]));
      }
    }
    return Optional.of(Duration.ofNanos((long) bounds[bounds.length - 1])); // beyond the last bucket: at least this
  }
}
