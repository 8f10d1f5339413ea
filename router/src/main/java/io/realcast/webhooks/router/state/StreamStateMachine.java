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
import io.realcast.webhooks.router.state.Transition.Ignore;
import io.realcast.webhooks.router.state.Transition.StateChange;
import io.realcast.webhooks.router.state.Transition.Update;
import java.time.Duration;

/**
 * The life of a stream, as a pure function: (state or null, raw event) → transition.
 *
 * <ul>
 *   <li>stream.live starts a state (or is ignored as {@code already_live} while one exists);
 *   <li>viewer.joined / viewer.left count viewers of a live stream ({@code stream_not_live} otherwise;
 *       a leave at 0 is {@code viewers_below_zero} and the count stays 0);
 *   <li>stream.offline sends duration and peak, and removes the state ({@code stream_not_live} without one);
 *   <li>stream.error, recording.*, chat.message.new need no state and always pass: a recording is
 *       typically ready after the stream ended.
 * </ul>
 *
 * An event whose app differs from the live stream's app is ignored ({@code app_mismatch}) rather than
 * counted into, or reported to, another app's stream.
 */
public final class StreamStateMachine {
  private StreamStateMachine() {}

  public static Transition apply(StreamState state, RawEvent event) {
    // Java 17 has no pattern switch; RawData is sealed, so this chain is exhaustive by construction.
    if (event.data() instanceof RawStreamLive live) {
      return live(state, event, live);
    } else if (event.data() instanceof RawStreamOffline offline) {
      return offline(state, event, offline);
    } else if (event.data() instanceof RawViewerJoined joined) {
      return joined(state, event, joined);
    } else if (event.data() instanceof RawViewerLeft) {
      return left(state, event);
    } else if (event.data() instanceof WebhookPayload stateless) {
      // stream.error, recording.started, recording.ready, chat.message.new: sent as they came.
      return passThrough(event, stateless);
    }
    throw new IllegalStateException("unhandled raw event type " + event.type());
  }

  private static Transition live(StreamState state, RawEvent event, RawStreamLive live) {
    if (state != null) {
      return new Ignore(IgnoredReason.ALREADY_LIVE);
    }
    StreamState started = StreamState.started(live.streamId(), event.appId(), event.id(), live.title(), live.startedAt());
    WebhookPayload payload = new StreamLivePayload(
        live.streamId(), event.appId().value(), live.title(), live.streamerId(), live.startedAt());
    return new Emit(new StateChange.Put(started), webhook(event, payload));
  }

  private static Transition offline(StreamState state, RawEvent event, RawStreamOffline offline) {
    Transition refused = refuse(state, event);
    if (refused != null) {
      return refused;
    }
    long duration = Math.max(0, Duration.between(state.startedAt(), offline.endedAt()).toSeconds());
    WebhookPayload payload = new StreamOfflinePayload(offline.streamId(), duration, state.peakViewers(), offline.endedAt());
    return new Emit(new StateChange.Remove(), webhook(event, payload));
  }

  private static Transition joined(StreamState state, RawEvent event, RawViewerJoined joined) {
    Transition refused = refuse(state, event);
    if (refused != null) {
      return refused;
    }
    StreamState next = state.withViewers(state.viewers() + 1);
    WebhookPayload payload = new ViewerJoinedPayload(joined.streamId(), joined.viewerId(), next.viewers());
    return new Emit(new StateChange.Put(next), webhook(event, payload));
  }

  private static Transition left(StreamState state, RawEvent event) {
    Transition refused = refuse(state, event);
    if (refused != null) {
      return refused;
    }
    if (state.viewers() == 0) {
      return new Ignore(IgnoredReason.VIEWERS_BELOW_ZERO);
    }
    return new Update(state.withViewers(state.viewers() - 1));
  }

  /** The reason a stateful event cannot apply to {@code state}, or null if it can. */
  private static Transition refuse(StreamState state, RawEvent event) {
    if (state == null) {
      return new Ignore(IgnoredReason.STREAM_NOT_LIVE);
    }
    if (!state.appId().equals(event.appId())) {
      return new Ignore(IgnoredReason.APP_MISMATCH);
    }
    return null;
  }

  private static Transition passThrough(RawEvent event, WebhookPayload payload) {
    return new Emit(new StateChange.Unchanged(), webhook(event, payload));
  }

  private static WebhookEvent webhook(RawEvent event, WebhookPayload payload) {
    return new WebhookEvent(event.id(), event.occurredAt(), payload);
  }
}
