package io.realcast.webhooks.bench.model;

/**
 * A point of the pipeline's measured latency curve: with the deliverer at {@code utilization} of its capacity, the
 * p50 and p99 from the event's scheduled time to its arrival at an endpoint that answers at once.
 */
public record LatencyPoint(double utilization, double p50Millis, double p99Millis) {
  public LatencyPoint {
    if (!(utilization >= 0 && utilization < 1)) {
      throw new IllegalArgumentException("utilization is in [0, 1): " + utilization);
    }
    if (!(p50Millis >= 0 && p99Millis >= p50Millis)) {
      throw new IllegalArgumentException("p99 is not below p50, and neither is negative: " + p50Millis + ", " + p99Millis);
    }
  }
}
