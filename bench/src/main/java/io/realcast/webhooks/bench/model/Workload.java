package io.realcast.webhooks.bench.model;

import java.util.List;

/**
 * What an installation has to carry.
 *
 * @param rawEventsPerSecond raw events published per second
 * @param fanOut deliveries per raw event (subscriptions per event)
 * @param mix how long endpoints take to answer, by share of deliveries
 * @param failingShare share of deliveries whose endpoint fails every attempt (they are retried, then dead-lettered)
 * @param maxAttempts attempts a failing delivery makes (1 + retries: 4 with the default 1 s, 5 s, 25 s)
 */
public record Workload(double rawEventsPerSecond, int fanOut, List<LatencyClass> mix, double failingShare, int maxAttempts) {
  public Workload {
    if (!(rawEventsPerSecond > 0) || fanOut < 1 || maxAttempts < 1 || !(failingShare >= 0 && failingShare < 1)) {
      throw new IllegalArgumentException("a workload has a positive rate, a fan-out and attempts of at least 1");
    }
    mix = List.copyOf(mix);
    double total = mix.stream().mapToDouble(LatencyClass::share).sum();
    if (Math.abs(total - 1) > 1e-6) {
      throw new IllegalArgumentException("the shares of the latency mix add up to 1, not " + total);
    }
  }

  public double deliveriesPerSecond() {
    return rawEventsPerSecond * fanOut;
  }

  /** Attempts per second: every delivery once, the failing ones {@code maxAttempts} times. */
  public double attemptsPerSecond() {
    return deliveriesPerSecond() * (1 + failingShare * (maxAttempts - 1));
  }
}
