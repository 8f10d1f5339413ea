package io.realcast.webhooks.router.state;

import io.realcast.webhooks.event.ViewerCountUpdatePayload;
import io.realcast.webhooks.event.WebhookEvent;
import java.time.Instant;

/** The periodic viewer.count.update of one live stream, as a pure function of its state and the time. */
public final class ViewerCountTicker {
  private ViewerCountTicker() {}

  /** One update: the event to send and the state that remembers it was sent. */
  public record Tick(StreamState next, WebhookEvent update) {}

  /**
   * The update due at or before {@code nowMillis}. The next one keeps the stream's own phase (its stream.live
   * plus whole intervals); updates missed while no router ran are not made up, the next is simply the first
   * due after now.
   */
  public static Tick tick(StreamState state, long nowMillis, long intervalMillis) {
    long due = state.cadence().nextUpdateMillis();
    long anchor = due == StreamState.Activity.UNKNOWN || due > nowMillis ? nowMillis : due;
    long next = anchor + ((nowMillis - anchor) / intervalMillis + 1) * intervalMillis;
    long present = state.viewerCount();
    WebhookEvent update = new WebhookEvent(
        DerivedEventIds.viewerCountUpdate(state.liveEventId(), state.cadence().updates() + 1),
        Instant.ofEpochMilli(nowMillis),
        new ViewerCountUpdatePayload(state.streamId(), present, present - state.viewers().lastReported()));
    return new Tick(state.reported(next), update);
  }
}
