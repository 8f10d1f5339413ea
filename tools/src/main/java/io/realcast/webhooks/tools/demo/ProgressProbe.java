package io.realcast.webhooks.tools.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.metrics.MetricDef;
import java.time.Duration;
import java.util.Optional;

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
        sum(deliverer, DelivererMetrics.DEAD), firstAttemptP99());
  }

  private Optional<Duration> firstAttemptP99() {
    Timer latency = firstAttempts.find(FirstAttempts.TIMER).timer();
    return latency == null ? Optional.empty() : FirstAttempts.recentP99(latency);
  }

  private static long sum(MeterRegistry registry, MetricDef def) {
    return (long) registry.find(def.name()).counters().stream().mapToDouble(Counter::count).sum();
  }
}
