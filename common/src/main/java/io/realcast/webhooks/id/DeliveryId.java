package io.realcast.webhooks.id;

import java.time.Clock;

/** One delivery = one (event, webhook) pair; sent as X-RealCast-Webhook-Id and identical on every retry. */
public record DeliveryId(String value) {
  public static final String PREFIX = "dlv_";

  public DeliveryId {
    PrefixedId.check(PREFIX, value);
  }

  public static DeliveryId of(String value) {
    return new DeliveryId(value);
  }

  public static DeliveryId random(Clock clock) {
    return new DeliveryId(PREFIX + PrefixedId.randomSuffix(clock.millis()));
  }

  /**
   * The id of the delivery of one event to one webhook. Derived, not random, so that a router that
   * reprocesses an event after a crash or restart yields the same id and receivers can deduplicate.
   */
  public static DeliveryId derive(EventId event, WebhookId webhook) {
    return new DeliveryId(PREFIX + PrefixedId.digestSuffix(event.value(), webhook.value()));
  }

  @Override
  public String toString() {
    return value;
  }
}
