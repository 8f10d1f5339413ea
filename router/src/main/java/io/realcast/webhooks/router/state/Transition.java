package io.realcast.webhooks.router.state;

import io.realcast.webhooks.event.WebhookEvent;

/** What one raw event does to a stream's state and its viewers, and what it sends. */
public sealed interface Transition {

  /** The event becomes a webhook event; state and viewers change as said. */
  record Emit(StateChange state, ViewerChange viewer, WebhookEvent event) implements Transition {}

  /** State and viewers change; nothing is sent (viewer.left). */
  record Update(StreamState state, ViewerChange viewer) implements Transition {}

  /** The stream is not live: the event waits, up to the grace period, for its stream.live. */
  record Hold() implements Transition {}

  /** Nothing is sent, for a defined reason; the state only notes the stream's activity, if at all. */
  record Ignore(IgnoredReason reason, StateChange state) implements Transition {}

  /** What happens to the stored state. */
  sealed interface StateChange {
    record Unchanged() implements StateChange {}

    record Put(StreamState state) implements StateChange {}

    /** The session ends: state and viewer ids are removed, the end is remembered. */
    record End(EndCause cause) implements StateChange {}
  }

  /** What happens to the stream's set of present viewer ids. */
  sealed interface ViewerChange {
    ViewerChange NONE = new None();

    record None() implements ViewerChange {}

    record Add(String viewerId) implements ViewerChange {}

    record Remove(String viewerId) implements ViewerChange {}
  }
}
