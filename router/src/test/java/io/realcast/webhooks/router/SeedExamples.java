package io.realcast.webhooks.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The integration guide's eight example bodies, copied verbatim from seed/webhook-integration-guide.md
 * ("Available Events"). Tests compare router output with their compact form byte for byte.
 */
final class SeedExamples {
  private SeedExamples() {}

  static final Map<WebhookEventType, String> PRETTY = Map.of(
      WebhookEventType.STREAM_LIVE, """
          {
            "event": "stream.live",
            "timestamp": "2024-12-09T10:00:00Z",
            "data": {
              "stream_id": "stream_abc123",
              "app_id": "app_xyz789",
              "title": "Epic Gaming Session",
              "streamer_id": "user_123",
              "started_at": "2024-12-09T10:00:00Z"
            }
          }""",
      WebhookEventType.STREAM_OFFLINE, """
          {
            "event": "stream.offline",
            "timestamp": "2024-12-09T11:00:00Z",
            "data": {
              "stream_id": "stream_abc123",
              "duration": 3600,
              "peak_viewers": 1234,
              "ended_at": "2024-12-09T11:00:00Z"
            }
          }""",
      WebhookEventType.STREAM_ERROR, """
          {
            "event": "stream.error",
            "timestamp": "2024-12-09T10:30:00Z",
            "data": {
              "stream_id": "stream_abc123",
              "error_code": "ENCODER_ERROR",
              "error_message": "Encoder disconnected unexpectedly"
            }
          }""",
      WebhookEventType.VIEWER_JOINED, """
          {
            "event": "viewer.joined",
            "timestamp": "2024-12-09T10:05:00Z",
            "data": {
              "stream_id": "stream_abc123",
              "viewer_id": "viewer_def456",
              "viewer_count": 125
            }
          }""",
      WebhookEventType.VIEWER_COUNT_UPDATE, """
          {
            "event": "viewer.count.update",
            "timestamp": "2024-12-09T10:05:30Z",
            "data": {
              "stream_id": "stream_abc123",
              "viewer_count": 128,
              "change": 3
            }
          }""",
      WebhookEventType.RECORDING_STARTED, """
          {
            "event": "recording.started",
            "timestamp": "2024-12-09T10:00:00Z",
            "data": {
              "recording_id": "rec_ghi789",
              "stream_id": "stream_abc123"
            }
          }""",
      WebhookEventType.RECORDING_READY, """
          {
            "event": "recording.ready",
            "timestamp": "2024-12-09T11:15:00Z",
            "data": {
              "recording_id": "rec_ghi789",
              "stream_id": "stream_abc123",
              "cdn_url": "https://cdn.telegram.org/file/BAACAgIAAxkBAAI...",
              "duration": 3600,
              "file_size": 524288000
            }
          }""",
      WebhookEventType.CHAT_MESSAGE_NEW, """
          {
            "event": "chat.message.new",
            "timestamp": "2024-12-09T10:10:00Z",
            "data": {
              "stream_id": "stream_abc123",
              "message_id": "msg_jkl012",
              "user_id": "user_456",
              "user_name": "GamerPro",
              "message": "Great stream!",
              "created_at": "2024-12-09T10:10:00Z"
            }
          }""");

  static JsonNode tree(WebhookEventType type) {
    return Json.readTree(PRETTY.get(type).getBytes(StandardCharsets.UTF_8));
  }

  /** The example as JSON.stringify(JSON.parse(example)) would print it: the exact body expected. */
  static String compact(WebhookEventType type) {
    return new String(Json.toBytes(tree(type)), StandardCharsets.UTF_8);
  }
}
