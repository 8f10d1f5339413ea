package io.realcast.webhooks.router.state;

/** Why a valid raw event produced no webhook. A bounded set: it is a metric tag. */
public enum IgnoredReason {
  /** viewer.joined, viewer.left or stream.offline for a stream that is not live (never was, or already ended). */
  STREAM_NOT_LIVE("stream_not_live"),
  /** A second stream.live while the stream is live: the first one's state and viewers are kept. */
  ALREADY_LIVE("already_live"),
  /** viewer.left when the count is already 0: the count stays 0. */
  VIEWERS_BELOW_ZERO("viewers_below_zero"),
  /** An event naming another app than the one whose stream.live started the stream: never leaked to it. */
  APP_MISMATCH("app_mismatch");

  private final String code;

  IgnoredReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
