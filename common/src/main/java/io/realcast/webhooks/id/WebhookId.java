package io.realcast.webhooks.id;

import java.time.Clock;

/** A webhook subscription: one URL, a set of event types, a secret. */
public record WebhookId(String value) {
  public static final String PREFIX = "wh_";

  public WebhookId {
    PrefixedId.check(PREFIX, value);
  }

  public static WebhookId of(String value) {
    return new WebhookId(value);
  }

  public static WebhookId random(Clock clock) {
    return new WebhookId(PREFIX + PrefixedId.randomSuffix(clock.millis()));
  }

  @Override
  public String toString() {
    return value;
  }
}
