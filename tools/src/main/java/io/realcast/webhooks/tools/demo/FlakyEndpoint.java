package io.realcast.webhooks.tools.demo;

/**
 * What the demo's {@code /webhooks/flaky} answers, so the dashboard shows retries and dead letters. A pure
 * function of the delivery id and attempt number: the same delivery behaves the same after a restart.
 * About 1 in 20 deliveries always fails (dead letter after the last retry), 1 in 5 fails its first
 * attempt, 1 in 20 its first two; the rest succeed at once.
 */
final class FlakyEndpoint {
  static final String PATH = "/webhooks/flaky";

  private FlakyEndpoint() {}

  static int status(String deliveryId, int attempt) {
    int bucket = Math.floorMod(deliveryId == null ? 0 : deliveryId.hashCode(), 20);
    if (bucket == 0) {
      return 500;
    }
    if (bucket <= 4 && attempt <= 1) {
      return 503;
    }
    if (bucket == 5 && attempt <= 2) {
      return 503;
    }
    return 200;
  }
}
