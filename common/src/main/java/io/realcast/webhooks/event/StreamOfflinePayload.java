package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;
import java.time.Instant;

/** Webhook {@code stream.offline}: duration in seconds and the peak of concurrent viewers. */
public record StreamOfflinePayload(String streamId, long duration, long peakViewers, Instant endedAt) implements WebhookPayload {

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.STREAM_OFFLINE;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("duration", duration).field("peak_viewers", peakViewers)
        .field("ended_at", Timestamps.format(endedAt));
  }
}
