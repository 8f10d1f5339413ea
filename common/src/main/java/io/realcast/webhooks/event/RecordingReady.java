package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** {@code recording.ready}: identical in the raw event and the webhook; duration in seconds, size in bytes. */
public record RecordingReady(String recordingId, String streamId, String cdnUrl, long duration, long fileSize) implements RawData, WebhookPayload {

  static RecordingReady read(FieldReader f) {
    return new RecordingReady(
        f.id("recording_id"), f.id("stream_id"), f.text("cdn_url"), f.count("duration"), f.count("file_size"));
  }

  @Override
  public RawEventType type() {
    return RawEventType.RECORDING_READY;
  }

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.RECORDING_READY;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("recording_id", recordingId).field("stream_id", streamId).field("cdn_url", cdnUrl)
        .field("duration", duration).field("file_size", fileSize);
  }
}
