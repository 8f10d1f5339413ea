package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** Webhook {@code viewer.count.update}: viewers now and the change since this stream's previous update. */
public record ViewerCountUpdatePayload(String streamId, long viewerCount, long change) implements WebhookPayload {

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.VIEWER_COUNT_UPDATE;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("viewer_count", viewerCount).field("change", change);
  }
}
