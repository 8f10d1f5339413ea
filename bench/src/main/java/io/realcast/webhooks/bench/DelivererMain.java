package io.realcast.webhooks.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.tracing.TracingSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A deliverer in its own JVM, as production runs it (configured from {@code REALCAST_*} variables, with
 * the Prometheus registry), so the benchmark can read its CPU time from /proc alone. It reports on
 * stdout ({@code READY}, then {@code STATS} lines) and stops when its stdin closes or says {@code STOP}.
 */
public final class DelivererMain {
  static final String READY = "READY";
  static final String STATS = "STATS";

  private DelivererMain() {}

  public static void main(String[] args) throws Exception {
    DelivererConfig config = DelivererConfig.read(ConfigSource.fromEnvironment());
    MeterRegistry registry = Registries.prometheus("deliverer");
    // Traces only when the bench passes OTEL_* variables (--tracing), as in production.
    DelivererService service = new DelivererService(config, registry, Clock.systemUTC(), null,
        TracingSetup.fromEnvironment("realcast-deliverer"));
    service.start();
    HeapWatch heap = new HeapWatch();
    Thread reporter = new Thread(() -> report(registry, heap), "bench-deliverer-stats");
    reporter.setDaemon(true);
    System.out.println(READY);
    System.out.flush();
    reporter.start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.equals("STOP")) {
        // Nothing else is understood; the parent only ever says STOP or goes away.
      }
    }
    service.close();
    System.exit(0);
  }

  private static void report(MeterRegistry registry, HeapWatch heap) {
    while (true) {
      heap.sample();
      double attempts = registry.find(DelivererMetrics.ATTEMPTS.name()).counters().stream().mapToDouble(Counter::count).sum();
      System.out.println(STATS + " " + (long) attempts + " " + heap.peakUsed + " " + heap.peakCommitted + " " + heap.peakAfterGc
          + " " + countsByTag(registry, DelivererMetrics.ATTEMPTS.name(), "outcome") + " " + retryLateness(registry)
          + " " + countsByTag(registry, DelivererMetrics.DEFERRED.name(), "reason"));
      System.out.flush();
      try {
        Thread.sleep(200); // the sampling period of the heap peak
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A counter's non-zero counts by one tag, as {@code 2xx=41000,timeout=12}, or "-" when there are none. */
  private static String countsByTag(MeterRegistry registry, String counter, String tag) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (Counter c : registry.find(counter).counters()) {
      if (c.count() > 0) {
        counts.merge(String.valueOf(c.getId().getTag(tag)), (long) c.count(), Long::sum);
      }
    }
    StringBuilder text = new StringBuilder();
    counts.forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return text.length() == 0 ? "-" : text.toString();
  }

  /**
   * "count,p50,p99" of the deliverer's own retry lateness (due time to the attempt's start), in milliseconds: the
   * upper edges of the histogram buckets the quantiles fall in.
   */
  private static String retryLateness(MeterRegistry registry) {
    Timer timer = registry.find(DelivererMetrics.RETRY_LATENESS.name()).timer();
    if (timer == null || timer.count() == 0) {
      return "0,0,0";
    }
    HistogramSnapshot snapshot = timer.takeSnapshot();
    return snapshot.count() + "," + quantileMillis(snapshot, 0.5) + "," + quantileMillis(snapshot, 0.99);
  }

  private static long quantileMillis(HistogramSnapshot snapshot, double q) {
    double rank = q * snapshot.count();
    for (CountAtBucket b : snapshot.histogramCounts()) {
      if (b.count() >= rank) {
        return Math.round(b.bucket(TimeUnit.MILLISECONDS));
      }
    }
    return Math.round(snapshot.max(TimeUnit.MILLISECONDS));
  }

  /** Peak heap used and committed, and the largest heap left after a collection (the live set). */
  private static final class HeapWatch {
    long peakUsed;
    long peakCommitted;
    long peakAfterGc;

    void sample() {
      MemoryUsage now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      peakUsed = Math.max(peakUsed, now.getUsed());
      peakCommitted = Math.max(peakCommitted, now.getCommitted());
      long afterGc = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
          afterGc += pool.getCollectionUsage().getUsed();
        }
      }
      peakAfterGc = Math.max(peakAfterGc, afterGc);
    }
  }
}
