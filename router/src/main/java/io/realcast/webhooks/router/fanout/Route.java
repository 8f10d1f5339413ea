package io.realcast.webhooks.router.fanout;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The part of a subscription the router needs: whom, whether enabled, which events. Kept apart from
 * {@link Subscription} so the per-event lookup decodes 3 bytes, not the subscription's JSON.
 */
public record Route(WebhookId webhookId, boolean enabled, Set<WebhookEventType> events) {
  private static final WebhookEventType[] TYPES = WebhookEventType.values();

  public Route {
    Objects.requireNonNull(webhookId, "webhookId");
    events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
  }

  public static Route of(Subscription s) {
    return new Route(s.id(), s.enabled(), s.events());
  }

  public boolean wants(WebhookEventType type) {
    return enabled && events.contains(type);
  }

  /** [enabled][event bit mask, 2 bytes]: the value of an index entry. */
  public byte[] encodeValue() {
    int mask = 0;
    for (WebhookEventType type : events) {
      mask |= 1 << type.ordinal();
    }
    return new byte[] {(byte) (enabled ? 1 : 0), (byte) (mask >>> 8), (byte) mask};
  }

  public static Route decode(WebhookId id, byte[] value) {
    if (value.length != 3) {
      throw new IllegalArgumentException("a route entry is 3 bytes, got " + value.length);
    }
    int mask = ((value[1] & 0xff) << 8) | (value[2] & 0xff);
    Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
    for (WebhookEventType type : TYPES) {
      if ((mask & (1 << type.ordinal())) != 0) {
        events.add(type);
      }
    }
    return new Route(id, value[0] == 1, events);
  }
}
