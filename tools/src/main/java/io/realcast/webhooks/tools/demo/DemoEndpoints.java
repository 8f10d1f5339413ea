package io.realcast.webhooks.tools.demo;

/** Where the running demo can be reached, all on 127.0.0.1. */
public record DemoEndpoints(String kafkaBootstrap, int apiPort, int receiverPort, int routerMetricsPort, int delivererMetricsPort) {

  public String dashboard() {
    return "http://127.0.0.1:" + apiPort + "/";
  }

  public String receiverUrl() {
    return "http://127.0.0.1:" + receiverPort + DemoReceiver.PATH;
  }

  public String receiverStats() {
    return "http://127.0.0.1:" + receiverPort + DemoReceiver.STATS_PATH;
  }

  public String flakyUrl() {
    return "http://127.0.0.1:" + receiverPort + FlakyEndpoint.PATH;
  }

  public String metrics(int port) {
    return "http://127.0.0.1:" + port + "/metrics";
  }
}
