package io.realcast.webhooks.router.state;

import io.realcast.webhooks.id.EventId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids of the events the router makes itself (viewer counts, idle expiries): derived from the session's
 * stream.live id, not random, so that work redone after a crash (its transaction aborted) yields the same
 * event id and therefore the same delivery ids.
 */
final class DerivedEventIds {
  private DerivedEventIds() {}

  /** The id of a session's {@code number}-th viewer.count.update. */
  static EventId viewerCountUpdate(EventId liveEventId, long number) {
    return derive("vcu_", liveEventId.value() + "/viewer.count.update/" + number);
  }

  /** The id of the stream.offline that ends a session after it stayed idle. */
  static EventId idleExpiry(EventId liveEventId) {
    return derive("idle_", liveEventId.value() + "/stream.offline/idle");
  }

  private static EventId derive(String tag, String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder(EventId.PREFIX).append(tag);
      for (int i = 0; i < 16; i++) {
        id.append(Character.forDigit((digest[i] >> 4) & 15, 16)).append(Character.forDigit(digest[i] & 15, 16));
      }
      return EventId.of(id.toString());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
