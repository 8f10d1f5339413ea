package io.realcast.webhooks.bench.model;

/**
 * Bytes on the broker's disk (compressed as the services write them, one replica) per delivery, by topic; measured
 * by {@code bench/measure-broker.sh}.
 *
 * @param events realcast.events, per delivery (a raw event's bytes divided by its fan-out)
 * @param deliveries realcast.deliveries
 * @param attempts realcast.attempts, per attempt
 * @param retry a retry topic, per retried attempt
 * @param dead realcast.deliveries.dead, per dead letter
 * @param changelogs the router's changelog topics, per delivery
 */
public record TopicBytes(double events, double deliveries, double attempts, double retry, double dead, double changelogs) {
  public TopicBytes {
    for (double v : new double[] {events, deliveries, attempts, retry, dead, changelogs}) {
      if (!(v >= 0)) {
        throw new IllegalArgumentException("bytes per delivery are not negative: " + v);
      }
    }
  }
}
