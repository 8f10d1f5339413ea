package io.realcast.webhooks.router.state;

import io.realcast.webhooks.Coded;

/**
 * Why a valid raw event produced no webhook. A bounded set: it is a metric tag ({@link #code()}), and the reason
 * header of the event's copy in {@code realcast.events.invalid} (every event type but viewer.left, which is never
 * a webhook, is copied there).
 */
public enum IgnoredReason implements Coded {
  /** An event that needs a live stream waited the grace period and the stream did not go live. */
  STREAM_NOT_LIVE("the stream did not go live within the grace period"),
  /** A second stream.live while the stream is live: the first one's state and viewers are kept. */
  ALREADY_LIVE("the stream is live already; the first session goes on"),
  /** viewer.left of a viewer who is not present: the count does not move. */
  VIEWER_NOT_PRESENT("the viewer is not present"),
  /** An event naming another app than the one whose stream.live started the stream: never leaked to it. */
  APP_MISMATCH("the live stream belongs to another app"),
  /** stream.offline for a stream whose session already ended with a stream.offline. */
  ALREADY_ENDED("the stream's session already ended with a stream.offline"),
  /** stream.offline for a stream whose session the router ended after it stayed idle (a late real offline). */
  STREAM_EXPIRED("the router ended the stream's session after it stayed idle");

  private final String description;

  IgnoredReason(String description) {
    this.description = description;
  }

  /** What it means, in words: the detail of the event's copy in realcast.events.invalid. */
  public String description() {
    return description;
  }
}
