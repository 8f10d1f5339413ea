package io.realcast.webhooks.bench;

/** How one receiver port answers. */
enum EndpointBehaviour {
  /** 200 at once. */
  HEALTHY,
  /** 200 after {@link ReceiverFleet#SLOW_DELAY}. */
  SLOW,
  /** 503 always, so every delivery is retried and finally dead-lettered. */
  FAILING
}
