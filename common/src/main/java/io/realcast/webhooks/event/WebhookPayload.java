package io.realcast.webhooks.event;

import io.realcast.webhooks.json.JsonText;

/** The {@code data} object of a webhook body, one record per event type, fields in the documented order. */
public sealed interface WebhookPayload
    permits StreamLivePayload, StreamOfflinePayload, StreamError, ViewerJoinedPayload, ViewerCountUpdatePayload,
        RecordingStarted, RecordingReady, ChatMessageNew, WebhookDisabledPayload {
  WebhookEventType webhookType();

  /** The stream the event is about, or null for an operational event. */
  String streamId();

  void writeFields(JsonText json);
}
