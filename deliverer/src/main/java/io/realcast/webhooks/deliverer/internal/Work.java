package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.delivery.Delivery;

/**
 * A delivery admitted to its webhook's lane: where it came from (so its offset can be marked durable), the delivery, and
 * its timings.
 */
final class Work extends LinkedQueue.Node<Work> {
  final PartitionQueue source;
  final long offset;
  final Lane lane;
  final long admittedNanos;
  final Delivery delivery;
  long startedNanos;
  boolean running;
  /** It started while its webhook was slow, so it holds one of the slow webhooks' slots. */
  boolean countedSlow;

  Work(PartitionQueue source, long offset, Delivery delivery, Lane lane, long admittedNanos) {
    this.source = source;
    this.offset = offset;
    this.delivery = delivery;
    this.lane = lane;
    this.admittedNanos = admittedNanos;
  }

  boolean isRetry() {
    return !delivery.attempts().isEmpty();
  }

  /** Its number in its (webhook, stream) sequence; 0 when it has none. */
  long sequence() {
    return delivery.sequence();
  }

  /** The key of its stream within an ordered lane (deliveries of older routers have none: one stream). */
  String stream() {
    String s = delivery.streamId();
    return s == null ? "" : s;
  }
}
