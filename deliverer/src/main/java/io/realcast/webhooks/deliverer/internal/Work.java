package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.delivery.Delivery;

/** A delivery admitted to its webhook's lane: where it came from, so its offset can be marked durable. */
final class Work {
  final PartitionQueue source;
  final long offset;
  final Delivery delivery;
  final Lane lane;
  long startedNanos;

  Work(PartitionQueue source, long offset, Delivery delivery, Lane lane) {
    this.source = source;
    this.offset = offset;
    this.delivery = delivery;
    this.lane = lane;
  }

  boolean isRetry() {
    return !delivery.attempts().isEmpty();
  }
}
