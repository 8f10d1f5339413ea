package io.realcast.webhooks.bench;

/** How one receiver port answers. */
enum EndpointBehaviour {
  /** 200 at once. */
  HEALTHY,
  /** 200 after the run's endpoint delay ({@code --endpoint-delay}): busy but healthy, like a receiver doing real work. */
  DELAYED,
  /** 200 after {@link ReceiverFleet#SLOW_DELAY}. */
  SLOW,
  /** 503 always, so every delivery is retried and finally dead-lettered. */
  FAILING;

  /** Whether this endpoint's deliveries count as healthy ones (throughput and latency figures). */
  boolean healthy() {
    return this == HEALTHY || this == DELAYED;
  }
}
