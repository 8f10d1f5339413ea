package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** Raw {@code viewer.joined}; the router adds the viewer count. */
public record RawViewerJoined(String streamId, String viewerId) implements RawData {

  static RawViewerJoined read(FieldReader f) {
    return new RawViewerJoined(f.id("stream_id"), f.id("viewer_id"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.VIEWER_JOINED;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("viewer_id", viewerId);
  }
}
