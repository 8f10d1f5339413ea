package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;
import java.time.Instant;

/** {@code chat.message.new}: identical in the raw event and the webhook. */
public record ChatMessageNew(String streamId, String messageId, String userId, String userName, String message, Instant createdAt) implements RawData, WebhookPayload {

  static ChatMessageNew read(FieldReader f) {
    return new ChatMessageNew(f.id("stream_id"), f.id("message_id"), f.id("user_id"), f.text("user_name"),
        f.text("message"), f.timestamp("created_at"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.CHAT_MESSAGE_NEW;
  }

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.CHAT_MESSAGE_NEW;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("message_id", messageId).field("user_id", userId)
        .field("user_name", userName).field("message", message).field("created_at", Timestamps.format(createdAt));
  }
}
