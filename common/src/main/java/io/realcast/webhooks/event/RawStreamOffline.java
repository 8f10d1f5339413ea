package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;
import java.time.Instant;

/** Raw {@code stream.offline}: a stream ended. */
public record RawStreamOffline(String streamId, Instant endedAt) implements RawData {

  static RawStreamOffline read(FieldReader f) {
    return new RawStreamOffline(f.id("stream_id"), f.timestamp("ended_at"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.STREAM_OFFLINE;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("ended_at", Timestamps.format(endedAt));
  }
}
