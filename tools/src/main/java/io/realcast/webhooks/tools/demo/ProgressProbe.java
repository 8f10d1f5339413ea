package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.metrics.MetricDef;

/**
 * Reads the progress line: counts from the services' own registries (the same meters Prometheus scrapes), so
 * the terminal and Grafana never disagree; the latency of first attempts from {@link FirstAttempts}, over the last
 * {@link ProgressReading#LATENCY_WINDOW}.
 */
final class ProgressProbe {
  private final MeterRegistry events;
  private final MetricDef eventsMetric;
  private final MeterRegistry deliverer;
  private final MeterRegistry firstAttempts;
  private final RecentPercentile firstAttemptP99 = new RecentPercentile(0.99, ProgressReading.LATENCY_WINDOW);

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
    return read(System.nanoTime());
  }

  /** The reading at {@code nowNanos} (the monotonic clock the latency window counts in). */
  synchronized ProgressReading read(long nowNanos) {
    long delivered = (long) deliverer.find(DelivererMetrics.ATTEMPTS.name()).tag("outcome", "2xx").counters().stream()
        .mapToDouble(Counter::count).sum();
    return new ProgressReading(sum(events, eventsMetric), delivered, sum(deliverer, DelivererMetrics.RETRIES),
        sum(deliverer, DelivererMetrics.DEAD), firstAttemptP99.read(firstAttempts.find(FirstAttempts.TIMER).timers(), nowNanos));
  }

  private static long sum(MeterRegistry registry, MetricDef def) {
    return (long) registry.find(def.name()).counters().stream().mapToDouble(Counter::count).sum();
  }
}
