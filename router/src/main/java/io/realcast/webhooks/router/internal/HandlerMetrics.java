package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import java.util.Map;

/**
 * Kafka Streams creates exception handlers by class name; they find the service's {@link RouterMetrics}
 * under this key of the configuration map it hands to {@code configure}.
 */
final class HandlerMetrics {
  static final String CONFIG_KEY = "realcast.router.metrics";

  private HandlerMetrics() {}

  static RouterMetrics from(Map<String, ?> configs) {
    Object metrics = configs.get(CONFIG_KEY);
    return metrics instanceof RouterMetrics m ? m : null;
  }
}
