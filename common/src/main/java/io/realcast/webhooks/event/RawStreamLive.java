package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;
import java.time.Instant;

/** Raw {@code stream.live}: a stream started. */
public record RawStreamLive(String streamId, String title, String streamerId, Instant startedAt) implements RawData {

  static RawStreamLive read(FieldReader f) {
    return new RawStreamLive(f.id("stream_id"), f.text("title"), f.id("streamer_id"), f.timestamp("started_at"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.STREAM_LIVE;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("title", title).field("streamer_id", streamerId)
        .field("started_at", Timestamps.format(startedAt));
  }
}
