package io.realcast.webhooks.api.history;

/**
 * One webhook's attempts in one minute, by the outcome each stood for: delivered, failed and retried, failed for
 * good (dead), superseded; with their latencies.
 */
public record SeriesBucket(long delivered, long retrying, long dead, long superseded, LatencyHistogram latency) {
  public static final SeriesBucket EMPTY = new SeriesBucket(0, 0, 0, 0, LatencyHistogram.EMPTY);

  public SeriesBucket with(Change.NewAttempt n) {
    DeliveryStatus s = n.outcome();
    return new SeriesBucket(
        delivered + (s == DeliveryStatus.DELIVERED ? 1 : 0),
        retrying + (s == DeliveryStatus.RETRYING || s == DeliveryStatus.PENDING ? 1 : 0),
        dead + (s == DeliveryStatus.DEAD ? 1 : 0),
        superseded + (s == DeliveryStatus.SUPERSEDED ? 1 : 0),
        latency.with(n.attempt().latencyMillis()));
  }

  public SeriesBucket plus(SeriesBucket b) {
    return new SeriesBucket(delivered + b.delivered, retrying + b.retrying, dead + b.dead, superseded + b.superseded,
        latency.plus(b.latency));
  }

  public long attempts() {
    return delivered + retrying + dead + superseded;
  }
}
