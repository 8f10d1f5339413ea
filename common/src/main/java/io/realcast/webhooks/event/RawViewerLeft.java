package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** Raw {@code viewer.left}: never sent to subscribers, it only feeds the viewer counts. */
public record RawViewerLeft(String streamId, String viewerId) implements RawData {

  static RawViewerLeft read(FieldReader f) {
    return new RawViewerLeft(f.id("stream_id"), f.id("viewer_id"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.VIEWER_LEFT;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("viewer_id", viewerId);
  }
}
