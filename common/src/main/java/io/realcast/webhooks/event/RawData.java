package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** The type-specific fields of a raw event. Every raw event belongs to a stream. */
public sealed interface RawData
    permits RawStreamLive, RawStreamOffline, StreamError, RawViewerJoined, RawViewerLeft, RecordingStarted,
        RecordingReady, ChatMessageNew {
  RawEventType type();

  String streamId();

  /** Writes the fields in the order producers send them. */
  void writeFields(JsonText json);
}
