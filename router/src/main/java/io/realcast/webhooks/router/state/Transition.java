package io.realcast.webhooks.router.state;

import io.realcast.webhooks.event.WebhookEvent;

/** What one raw event does to a stream's state, and what it sends. */
public sealed interface Transition {

  /** The event becomes a webhook event; the state changes as {@code state} says. */
  record Emit(StateChange state, WebhookEvent event) implements Transition {}

  /** The state changes; nothing is sent (viewer.left). */
  record Update(StreamState state) implements Transition {}

  /** Nothing changes and nothing is sent, for a defined reason. */
  record Ignore(IgnoredReason reason) implements Transition {}

  /** What happens to the stored state. */
  sealed interface StateChange {
    record Unchanged() implements StateChange {}

    record Put(StreamState state) implements StateChange {}

    record Remove() implements StateChange {}
  }
}
