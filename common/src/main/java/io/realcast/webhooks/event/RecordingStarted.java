package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** {@code recording.started}: identical in the raw event and the webhook. */
public record RecordingStarted(String recordingId, String streamId) implements RawData, WebhookPayload {

  static RecordingStarted read(FieldReader f) {
    return new RecordingStarted(f.id("recording_id"), f.id("stream_id"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.RECORDING_STARTED;
  }

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.RECORDING_STARTED;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("recording_id", recordingId).field("stream_id", streamId);
  }
}
