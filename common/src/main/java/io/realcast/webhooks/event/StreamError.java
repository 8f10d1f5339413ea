package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** {@code stream.error}: identical in the raw event and the webhook. */
public record StreamError(String streamId, String errorCode, String errorMessage) implements RawData, WebhookPayload {

  static StreamError read(FieldReader f) {
    return new StreamError(f.id("stream_id"), f.id("error_code"), f.text("error_message"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.STREAM_ERROR;
  }

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.STREAM_ERROR;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("error_code", errorCode).field("error_message", errorMessage);
  }
}
