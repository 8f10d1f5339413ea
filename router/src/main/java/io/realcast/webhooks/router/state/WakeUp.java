package io.realcast.webhooks.router.state;

import io.realcast.webhooks.event.StreamOfflinePayload;
import io.realcast.webhooks.event.WebhookEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * What a live stream needs when the router looks at it: to end because it stayed idle, its next
 * viewer.count.update, or nothing until a given time. Pure; the processor only keeps an index of due times.
 */
public sealed interface WakeUp {

  /** The stream had no event for the idle timeout: it ends with this stream.offline. */
  record Expire(WebhookEvent offline) implements WakeUp {}

  /** A viewer.count.update is due. */
  record Tick(StreamState next, WebhookEvent update) implements WakeUp {}

  /** Nothing is due before {@code atMillis}. */
  record Wait(long atMillis) implements WakeUp {}

  static WakeUp of(StreamState state, long nowMillis, StreamRules rules) {
    StreamState known = known(state, nowMillis);
    if (nowMillis >= known.activity().lastSeenMillis() + rules.idleTimeout().toMillis()) {
      return new Expire(expiry(known));
    }
    if (nowMillis >= known.cadence().nextUpdateMillis()) {
      ViewerCountTicker.Tick tick = ViewerCountTicker.tick(known, nowMillis, rules.viewerCountInterval().toMillis());
      return new Tick(tick.next(), tick.update());
    }
    return new Wait(dueAt(known, rules));
  }

  /** When the stream next needs the router: its next update, or the end of its idle time, whichever is first. */
  static long dueAt(StreamState state, StreamRules rules) {
    long idleEnd = state.activity().lastSeenMillis() + rules.idleTimeout().toMillis();
    long update = state.cadence().nextUpdateMillis();
    if (state.activity().lastSeenMillis() == StreamState.Activity.UNKNOWN || update == StreamState.Activity.UNKNOWN) {
      return 0; // state of an older version: due at once, to be completed
    }
    return Math.min(idleEnd, update);
  }

  /**
   * The stream.offline of an idle session: {@code ended_at} is its last activity (the latest {@code occurred_at}
   * of its events), the duration runs from {@code started_at} to then, the peak is the session's.
   */
  static WebhookEvent expiry(StreamState state) {
    Instant endedAt = state.activity().lastEventAt();
    long duration = Math.max(0, Duration.between(state.startedAt(), endedAt).toSeconds());
    return new WebhookEvent(DerivedEventIds.idleExpiry(state.liveEventId()), endedAt,
        new StreamOfflinePayload(state.streamId(), duration, state.peakViewers(), endedAt));
  }

  /** State written by an older version lacks its activity and cadence: they start now (an update is due at once). */
  private static StreamState known(StreamState state, long nowMillis) {
    StreamState.Activity activity = state.activity();
    StreamState.Cadence cadence = state.cadence();
    if (activity.lastSeenMillis() != StreamState.Activity.UNKNOWN && cadence.nextUpdateMillis() != StreamState.Activity.UNKNOWN) {
      return state;
    }
    return new StreamState(state.session(), state.viewers(),
        activity.lastSeenMillis() == StreamState.Activity.UNKNOWN ? StreamState.Activity.at(nowMillis, activity.lastEventAt()) : activity,
        cadence.nextUpdateMillis() == StreamState.Activity.UNKNOWN ? new StreamState.Cadence(cadence.updates(), nowMillis) : cadence);
  }
}
