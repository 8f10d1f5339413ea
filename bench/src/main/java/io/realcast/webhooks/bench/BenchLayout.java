package io.realcast.webhooks.bench;

/**
 * Who subscribes where: {@code apps} apps with {@code subsPerApp} subscriptions each, spread over
 * {@code ports} receiver ports. App {@code a}'s subscription {@code j} posts to port
 * {@code (a * subsPerApp + j) % ports}, so with 100 apps × 10 over 100 ports every port serves ten
 * subscriptions of ten different apps, and in the noisy layout every app has exactly one bad endpoint.
 */
record BenchLayout(int apps, int subsPerApp, int ports) {
  BenchLayout {
    if (apps < 1 || subsPerApp < 1 || subsPerApp > 31 || ports < 1) {
      throw new IllegalArgumentException("need apps >= 1, 1 <= subscriptions per app <= 31, ports >= 1");
    }
  }

  int subscriptions() {
    return apps * subsPerApp;
  }

  int portIndex(int app, int sub) {
    return (app * subsPerApp + sub) % ports;
  }

  /** The noisy scenario's endpoints: 1 port in 20 slow, another 1 in 20 failing, the rest healthy. */
  static EndpointBehaviour noisyBehaviour(int portIndex) {
    return switch (portIndex % 20) {
      case 0 -> EndpointBehaviour.SLOW;
      case 10 -> EndpointBehaviour.FAILING;
      default -> EndpointBehaviour.HEALTHY;
    };
  }
}
