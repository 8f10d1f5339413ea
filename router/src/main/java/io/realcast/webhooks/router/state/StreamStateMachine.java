package io.realcast.webhooks.router.state;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawStreamOffline;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.StreamLivePayload;
import io.realcast.webhooks.event.StreamOfflinePayload;
import io.realcast.webhooks.event.ViewerJoinedPayload;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookPayload;
import io.realcast.webhooks.router.state.Transition.Emit;
import io.realcast.webhooks.router.state.Transition.Hold;
import io.realcast.webhooks.router.state.Transition.Ignore;
import io.realcast.webhooks.router.state.Transition.StateChange;
import io.realcast.webhooks.router.state.Transition.Update;
import io.realcast.webhooks.router.state.Transition.ViewerChange;
import java.time.Duration;

/**
 * The life of a stream, as a pure function: (state or null, raw event, who is present, now) → transition.
 *
 * <ul>
 *   <li>stream.live starts a state (or is ignored as {@code already_live} while one exists);
 *   <li>viewer.joined / viewer.left keep the set of present viewers: a join of a present viewer is still sent
 *       but does not count again, a leave of an absent one changes nothing ({@code viewer_not_present});
 *   <li>stream.offline sends duration and peak, and ends the session;
 *   <li>those three, for a stream that is not live, are held ({@link Hold}) until its stream.live or the grace
 *       period, and then decided by {@link #afterGrace};
 *   <li>stream.error, recording.*, chat.message.new need no state and always pass: a recording is
 *       typically ready after the stream ended.
 * </ul>
 *
 * An event whose app differs from the live stream's app is ignored ({@code app_mismatch}) rather than
 * counted into, or reported to, another app's stream. Any event of the stream's own app keeps it from idling.
 */
public final class StreamStateMachine {
  private StreamStateMachine() {}

  /** The stream's present viewers, as far as this event needs them. */
  @FunctionalInterface
  public interface Viewers {
    boolean isPresent(String viewerId);
  }

  public static Transition apply(StreamState state, RawEvent event, Viewers viewers, long nowMillis, StreamRules rules) {
    // Java 17 has no pattern switch; RawData is sealed, so this chain is exhaustive by construction.
    if (event.data() instanceof RawStreamLive live) {
      return live(state, event, live, nowMillis, rules);
    } else if (event.data() instanceof WebhookPayload stateless) {
      // stream.error, recording.started, recording.ready, chat.message.new: sent as they came.
      boolean ownStream = state != null && state.appId().equals(event.appId());
      return new Emit(ownStream ? touch(state, event, nowMillis) : new StateChange.Unchanged(), ViewerChange.NONE,
          webhook(event, stateless));
    }
    if (state == null) {
      return new Hold();
    }
    if (!state.appId().equals(event.appId())) {
      return new Ignore(IgnoredReason.APP_MISMATCH, new StateChange.Unchanged());
    }
    StreamState seen = state.seen(nowMillis, event.occurredAt());
    if (event.data() instanceof RawStreamOffline offline) {
      return offline(seen, event, offline);
    } else if (event.data() instanceof RawViewerJoined joined) {
      return joined(seen, state, event, joined, viewers);
    } else if (event.data() instanceof RawViewerLeft left) {
      return left(seen, state, left, viewers);
    }
    throw new IllegalStateException("unhandled raw event type " + event.type());
  }

  /**
   * A held event whose stream did not go live within the grace period. A stream.offline is still news when
   * the router remembers no end of that stream (it never saw the stream.live): it is sent with duration 0 and
   * peak 0, which is all it knows. A stream.offline after an end it remembers, and viewer events, are ignored.
   *
   * @param lastEnd how the stream's last session ended, if the router remembers one
   */
  public static Transition afterGrace(RawEvent event, EndCause lastEnd) {
    if (event.data() instanceof RawStreamOffline offline) {
      if (lastEnd != null) {
        return new Ignore(lastEnd == EndCause.EXPIRED ? IgnoredReason.STREAM_EXPIRED : IgnoredReason.ALREADY_ENDED,
            new StateChange.Unchanged());
      }
      return new Emit(new StateChange.Unchanged(), ViewerChange.NONE,
          webhook(event, new StreamOfflinePayload(offline.streamId(), 0, 0, offline.endedAt())));
    }
    return new Ignore(IgnoredReason.STREAM_NOT_LIVE, new StateChange.Unchanged());
  }

  /** Whether {@code event} needs its stream to be live (and so may be held). */
  public static boolean needsLiveStream(RawEvent event) {
    return event.data() instanceof RawStreamOffline || event.data() instanceof RawViewerJoined
        || event.data() instanceof RawViewerLeft;
  }

  private static Transition live(StreamState state, RawEvent event, RawStreamLive live, long nowMillis, StreamRules rules) {
    if (state != null) {
      return new Ignore(IgnoredReason.ALREADY_LIVE,
          state.appId().equals(event.appId()) ? touch(state, event, nowMillis) : new StateChange.Unchanged());
    }
    StreamState started = StreamState.started(
        new StreamState.Session(live.streamId(), event.appId(), event.id(), live.title(), live.startedAt()),
        event.occurredAt(), nowMillis, rules.viewerCountInterval().toMillis());
    WebhookPayload payload = new StreamLivePayload(
        live.streamId(), event.appId().value(), live.title(), live.streamerId(), live.startedAt());
    return new Emit(new StateChange.Put(started), ViewerChange.NONE, webhook(event, payload));
  }

  private static Transition offline(StreamState state, RawEvent event, RawStreamOffline offline) {
    long duration = Math.max(0, Duration.between(state.startedAt(), offline.endedAt()).toSeconds());
    WebhookPayload payload = new StreamOfflinePayload(offline.streamId(), duration, state.peakViewers(), offline.endedAt());
    return new Emit(new StateChange.End(EndCause.OFFLINE), ViewerChange.NONE, webhook(event, payload));
  }

  private static Transition joined(StreamState seen, StreamState stored, RawEvent event, RawViewerJoined joined,
      Viewers viewers) {
    if (viewers.isPresent(joined.viewerId())) {
      // A re-join (a player that reconnected): still news for the receiver, but the same viewer.
      return new Emit(changed(seen, stored), ViewerChange.NONE,
          webhook(event, new ViewerJoinedPayload(joined.streamId(), joined.viewerId(), seen.viewerCount())));
    }
    StreamState next = seen.withViewers(seen.viewers().joined());
    return new Emit(new StateChange.Put(next), new ViewerChange.Add(joined.viewerId()),
        webhook(event, new ViewerJoinedPayload(joined.streamId(), joined.viewerId(), next.viewerCount())));
  }

  private static Transition left(StreamState seen, StreamState stored, RawViewerLeft left, Viewers viewers) {
    if (viewers.isPresent(left.viewerId())) {
      return new Update(seen.withViewers(seen.viewers().left(false)), new ViewerChange.Remove(left.viewerId()));
    }
    if (seen.viewers().unnamed() > 0) {
      return new Update(seen.withViewers(seen.viewers().left(true)), ViewerChange.NONE);
    }
    return new Ignore(IgnoredReason.VIEWER_NOT_PRESENT, changed(seen, stored));
  }

  private static StateChange touch(StreamState state, RawEvent event, long nowMillis) {
    return changed(state.seen(nowMillis, event.occurredAt()), state);
  }

  private static StateChange changed(StreamState next, StreamState stored) {
    return next == stored ? new StateChange.Unchanged() : new StateChange.Put(next);
  }

  private static WebhookEvent webhook(RawEvent event, WebhookPayload payload) {
    return new WebhookEvent(event.id(), event.occurredAt(), payload);
  }
}
