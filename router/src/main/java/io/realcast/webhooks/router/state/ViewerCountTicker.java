package io.realcast.webhooks.router.state;

import io.realcast.webhooks.event.ViewerCountUpdatePayload;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.id.EventId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** The periodic viewer.count.update of one live stream, as a pure function of its state and the time. */
public final class ViewerCountTicker {
  private ViewerCountTicker() {}

  /** One update: the event to send and the state that remembers it was sent. */
  public record Tick(StreamState next, WebhookEvent update) {}

  public static Tick tick(StreamState state, Instant now) {
    long change = state.viewers() - state.lastReportedViewers();
    WebhookEvent update = new WebhookEvent(updateId(state.liveEventId(), state.updates() + 1), now,
        new ViewerCountUpdatePayload(state.streamId(), state.viewers(), change));
    return new Tick(state.reported(), update);
  }

  /**
   * The id of a session's n-th update: derived, not random, so that a tick redone after a crash (its
   * transaction aborted) yields the same event id and therefore the same delivery ids.
   */
  static EventId updateId(EventId liveEventId, long number) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((liveEventId.value() + "/viewer.count.update/" + number).getBytes(StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder(EventId.PREFIX).append("vcu_");
      for (int i = 0; i < 16; i++) {
        id.append(Character.forDigit((digest[i] >> 4) & 15, 16)).append(Character.forDigit(digest[i] & 15, 16));
      }
      return EventId.of(id.toString());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
