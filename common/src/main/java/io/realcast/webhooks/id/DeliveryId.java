package io.realcast.webhooks.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    MessageDigest sha = SHA256.get();
    sha.reset();
    sha.update(event.value().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(webhook.value().getBytes(StandardCharsets.UTF_8));
    byte[] digest = sha.digest();
    StringBuilder hex = new StringBuilder(PREFIX.length() + 32).append(PREFIX);
    for (int i = 0; i < 16; i++) {
      hex.append(Character.forDigit((digest[i] >> 4) & 15, 16)).append(Character.forDigit(digest[i] & 15, 16));
    }
    return new DeliveryId(hex.toString());
  }

  // One digest per thread: MessageDigest.getInstance looks up the provider on every call (the router derives
  // one id per delivery).
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  });

  @Override
  public String toString() {
    return value;
  }
}
