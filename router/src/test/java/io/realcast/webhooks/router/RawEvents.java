package io.realcast.webhooks.router;

/** Raw event JSON as producers write it (producer/README.md), for topology tests. */
final class RawEvents {
  static final String APP = "app_xyz789";
  static final String STREAM = "stream_abc123";

  private RawEvents() {}

  static String raw(String id, String type, String app, String occurredAt, String data) {
    return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"app_id\":\"" + app + "\",\"occurred_at\":\"" + occurredAt
        + "\",\"data\":" + data + "}";
  }

  static String live(String id, String app, String stream, String at) {
    return raw(id, "stream.live", app, at, "{\"stream_id\":\"" + stream
        + "\",\"title\":\"Epic Gaming Session\",\"streamer_id\":\"user_123\",\"started_at\":\"" + at + "\"}");
  }

  static String offline(String id, String app, String stream, String at) {
    return raw(id, "stream.offline", app, at, "{\"stream_id\":\"" + stream + "\",\"ended_at\":\"" + at + "\"}");
  }

  static String joined(String id, String app, String stream, String viewer, String at) {
    return raw(id, "viewer.joined", app, at, "{\"stream_id\":\"" + stream + "\",\"viewer_id\":\"" + viewer + "\"}");
  }

  static String left(String id, String app, String stream, String viewer, String at) {
    return raw(id, "viewer.left", app, at, "{\"stream_id\":\"" + stream + "\",\"viewer_id\":\"" + viewer + "\"}");
  }

  static String chat(String id, String app, String stream, String at) {
    return raw(id, "chat.message.new", app, at, "{\"stream_id\":\"" + stream + "\",\"message_id\":\"msg_jkl012\","
        + "\"user_id\":\"user_456\",\"user_name\":\"GamerPro\",\"message\":\"Great stream!\",\"created_at\":\"" + at + "\"}");
  }
}
