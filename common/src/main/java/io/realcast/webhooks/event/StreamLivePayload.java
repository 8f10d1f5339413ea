package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;
import java.time.Instant;

/** Webhook {@code stream.live}: the raw fields plus the owning app. */
public record StreamLivePayload(String streamId, String appId, String title, String streamerId, Instant startedAt) implements WebhookPayload {

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.STREAM_LIVE;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("stream_id", streamId).field("app_id", appId).field("title", title).field("streamer_id", streamerId)
        .field("started_at", Timestamps.format(startedAt));
  }
}
