package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.invalid.InvalidWriteFailures;
import java.util.Map;

/**
 * What the exception handlers need from the service. Kafka Streams creates handlers by class name; they
 * find this under {@link #CONFIG_KEY} of the configuration map it hands to {@code configure}.
 *
 * @param invalidTopic the name of {@code realcast.events.invalid}, whose failed writes degrade instead of failing
 */
record HandlerContext(RouterMetrics metrics, InvalidWriteFailures invalidWrites, String invalidTopic) {
  static final String CONFIG_KEY = "realcast.router.handler.context";

  /** The service's context, or null when the handler runs outside a router (it then only logs). */
  static HandlerContext from(Map<String, ?> configs) {
    Object context = configs.get(CONFIG_KEY);
    return context instanceof HandlerContext c ? c : null;
  }
}
