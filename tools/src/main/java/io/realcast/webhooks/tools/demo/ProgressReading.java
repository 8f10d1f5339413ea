package io.realcast.webhooks.tools.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** One reading of the demo's progress line; {@link #line()} is what the terminal shows. */
record ProgressReading(long events, long deliveries, long retries, long deadLetters, Optional<Duration> p99) {

  String line() {
    return String.format(Locale.ROOT, "events %,d | deliveries %,d | retries %,d | dead letters %,d | p99 %s",
        events, deliveries, retries, deadLetters, p99.map(ProgressReading::seconds).orElse("–"));
  }

  private static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return s < 1 ? String.format(Locale.ROOT, "%d ms", Math.round(s * 1000)) : String.format(Locale.ROOT, "%.1f s", s);
  }
}
