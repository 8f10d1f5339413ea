package io.realcast.webhooks.router.state;

import io.realcast.webhooks.Coded;

/** Why a valid raw event produced no webhook. A bounded set: it is a metric tag ({@link #code()}). */
public enum IgnoredReason implements Coded {
  /** viewer.joined, viewer.left or stream.offline for a stream that is not live (never was, or already ended). */
  STREAM_NOT_LIVE,
  /** A second stream.live while the stream is live: the first one's state and viewers are kept. */
  ALREADY_LIVE,
  /** viewer.left when the count is already 0: the count stays 0. */
  VIEWERS_BELOW_ZERO,
  /** An event naming another app than the one whose stream.live started the stream: never leaked to it. */
  APP_MISMATCH
}
