package io.realcast.webhooks.router.fanout;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The part of a subscription the router needs: whom, whether enabled, which events (as a bit mask by
 * {@link WebhookEventType#ordinal()}). Kept apart from {@link Subscription} so the per-event lookup
 * decodes 3 bytes, not the subscription's JSON; the mask makes that decoding allocation-free.
 */
public record Route(WebhookId webhookId, boolean enabled, int eventMask, boolean ordered) {
  private static final WebhookEventType[] TYPES = WebhookEventType.values();

  public Route {
    Objects.requireNonNull(webhookId, "webhookId");
  }

  public Route(WebhookId webhookId, boolean enabled, Set<WebhookEventType> events) {
    this(webhookId, enabled, mask(events), false);
  }

  public static Route of(WebhookId webhookId, Subscription s) {
    return new Route(webhookId, s.enabled(), mask(s.events()), s.options().ordered());
  }

  public boolean wants(WebhookEventType type) {
    return enabled && (eventMask & (1 << type.ordinal())) != 0;
  }

  public Set<WebhookEventType> events() {
    Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
    for (WebhookEventType type : TYPES) {
      if ((eventMask & (1 << type.ordinal())) != 0) {
        events.add(type);
      }
    }
    return Collections.unmodifiableSet(events);
  }

  /** [flags: bit 0 enabled, bit 1 ordered][event bit mask, 2 bytes]: the value of an index entry. */
  public byte[] encodeValue() {
    return new byte[] {(byte) ((enabled ? 1 : 0) | (ordered ? 2 : 0)), (byte) (eventMask >>> 8), (byte) eventMask};
  }

  public static Route decode(WebhookId id, byte[] value) {
    if (value.length != 3) {
      throw new IllegalArgumentException("a route entry is 3 bytes, got " + value.length);
    }
    return new Route(id, (value[0] & 1) != 0, ((value[1] & 0xff) << 8) | (value[2] & 0xff), (value[0] & 2) != 0);
  }

  private static int mask(Set<WebhookEventType> events) {
    int mask = 0;
    for (WebhookEventType type : events) {
      mask |= 1 << type.ordinal();
    }
    return mask;
  }
}
