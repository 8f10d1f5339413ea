package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** Webhook {@code viewer.joined}: concurrent viewers of the stream after this join. */
public record ViewerJoinedPayload(String streamId, String viewerId, long viewerCount) implements WebhookPayload {

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.VIEWER_JOINED;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("viewer_id", viewerId).field("viewer_count", viewerCount);
  }
}
