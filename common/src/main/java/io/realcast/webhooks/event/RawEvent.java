package io.realcast.webhooks.event;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.json.JsonText;
import java.time.Instant;
import java.util.Objects;

/** A raw platform event as producers publish it to {@code realcast.events}, keyed by stream id. */
public record RawEvent(EventId id, AppId appId, Instant occurredAt, RawData data) {
  public RawEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(appId, "app_id");
    Objects.requireNonNull(occurredAt, "occurred_at");
    Objects.requireNonNull(data, "data");
  }

  public RawEventType type() {
    return data.type();
  }

  public String streamId() {
    return data.streamId();
  }

  /** The JSON producers write; {@link RawEventParser} reads it back to an equal record. */
  public byte[] toJson() {
    JsonText json = new JsonText();
    json.beginObject()
        .field("id", id.value())
        .field("type", type().wireName())
        .field("app_id", appId.value())
        .field("occurred_at", Timestamps.formatMillis(occurredAt))
        .beginObject("data");
    data.writeFields(json);
    return json.endObject().endObject().toBytes();
  }
}
