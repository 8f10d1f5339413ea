package io.realcast.webhooks.event;

import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.json.JsonText;
import java.time.Instant;
import java.util.Objects;

/**
 * An event as subscribers receive it. {@link #body()} is the exact byte sequence that is signed and
 * posted: {@code {"event":…,"timestamp":…,"data":{…}}}, equal to what JSON.stringify would produce.
 */
public record WebhookEvent(EventId id, Instant timestamp, WebhookPayload data) {
  public WebhookEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(data, "data");
  }

  public WebhookEventType type() {
    return data.webhookType();
  }

  public byte[] body() {
    return write().endObject().toBytes();
  }

  /**
   * The body of an ordered webhook: the same, with its number in the (webhook, stream) sequence after {@code data},
   * inside what is signed. A gap tells the receiver that one is missing (superseded, or dead-lettered).
   */
  public byte[] bodyWithSequence(long sequence) {
    return write().field("sequence", sequence).endObject().toBytes();
  }

  /** Everything up to the end of {@code data}, the envelope still open. */
  private JsonText write() {
    JsonText json = new JsonText();
    json.beginObject()
        .field("event", type().wireName())
        .field("timestamp", Timestamps.format(timestamp))
        .beginObject("data");
    data.writeFields(json);
    return json.endObject();
  }
}
