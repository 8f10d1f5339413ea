package io.realcast.webhooks.tools.demo;

import java.util.Optional;

/**
 * The demo's command-line choices. An empty port means "the configured value" (environment or default);
 * 0 picks a free port.
 *
 * @param webhookUrl where the demo webhook points instead of the demo receiver
 */
public record DemoOptions(
    int kafkaPort,
    Optional<Integer> apiPort,
    int receiverPort,
    Optional<Integer> routerMetricsPort,
    Optional<Integer> delivererMetricsPort,
    boolean simulator,
    Optional<String> webhookUrl) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_RECEIVER_PORT = 3000;

  /** Every port chosen by the system: tests run next to other demos and services. */
  public static DemoOptions freePorts(boolean simulator, Optional<String> webhookUrl) {
    return new DemoOptions(0, Optional.of(0), 0, Optional.of(0), Optional.of(0), simulator, webhookUrl);
  }
}
