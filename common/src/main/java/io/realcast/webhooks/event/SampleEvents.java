package io.realcast.webhooks.event;

import io.realcast.webhooks.id.EventId;
import java.time.Clock;
import java.time.Instant;

/**
 * One example per webhook event type: those of docs/RECEIVING.md, with a fresh id and the
 * given time. Used by the API's "Send Test Event" and the event-type catalog.
 */
public final class SampleEvents {
  private SampleEvents() {}

  /** The documented example for {@code type}, happening at {@code now}. */
  public static WebhookEvent sample(WebhookEventType type, Clock clock) {
    Instant now = clock.instant();
    return new WebhookEvent(EventId.random(clock), now, payload(type, now));
  }

  /** The documented example payload for {@code type}, with its times set around {@code now}. */
  public static WebhookPayload payload(WebhookEventType type, Instant now) {
    String stream = "stream_abc123";
    return switch (type) {
      case STREAM_LIVE -> new StreamLivePayload(stream, "app_xyz789", "Epic Gaming Session", "user_123", now);
      case STREAM_OFFLINE -> new StreamOfflinePayload(stream, 3600, 1234, now);
      case STREAM_ERROR -> new StreamError(stream, "ENCODER_ERROR", "Encoder disconnected unexpectedly");
      case VIEWER_JOINED -> new ViewerJoinedPayload(stream, "viewer_def456", 125);
      case VIEWER_COUNT_UPDATE -> new ViewerCountUpdatePayload(stream, 128, 3);
      case RECORDING_STARTED -> new RecordingStarted("rec_ghi789", stream);
      case RECORDING_READY -> new RecordingReady(
          "rec_ghi789", stream, "https://cdn.telegram.org/file/BAACAgIAAxkBAAI...", 3600, 524_288_000L);
      case CHAT_MESSAGE_NEW -> new ChatMessageNew(
          stream, "msg_jkl012", "user_456", "GamerPro", "Great stream!", now);
      case WEBHOOK_DISABLED -> new WebhookDisabledPayload("wh_01HQ3XJ5Y9ZC8M2N4P6R7S8T9V", "https://example.com/webhooks/realcast",
          WebhookDisabledPayload.Reason.FAILING, "every attempt failed for 24 h; last: HTTP 503", now.minusSeconds(90_000), 12, now);
    };
  }
}
