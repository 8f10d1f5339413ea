package io.realcast.webhooks.tools.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One reading of the demo's progress line; {@link #line()} is what the terminal shows. The latency is that of
 * first attempts only: retries and dead letters are counted beside it, not mixed into it.
 *
 * @param firstAttemptP99 99th percentile, event time to 2xx, of deliveries that succeeded on their first attempt
 *     within about the last {@link #LATENCY_WINDOW}; empty when none did
 */
record ProgressReading(long events, long deliveries, long retries, long deadLetters, Optional<Duration> firstAttemptP99) {
  /** How far back the latency looks: long enough to hold a few thousand deliveries, short enough to show now. */
  static final Duration LATENCY_WINDOW = Duration.ofMinutes(1);

  String line() {
    return String.format(Locale.ROOT, "events %,d | deliveries %,d | first attempt p99 (%d min) %s | retries %,d | dead letters %,d",
        events, deliveries, LATENCY_WINDOW.toMinutes(), firstAttemptP99.map(ProgressReading::seconds).orElse("–"), retries, deadLetters);
  }

  private static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return s < 1 ? String.format(Locale.ROOT, "%d ms", Math.round(s * 1000)) : String.format(Locale.ROOT, "%.1f s", s);
  }
}
