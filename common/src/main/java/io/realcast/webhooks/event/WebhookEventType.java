package io.realcast.webhooks.event;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The events subscribers receive, as docs/RECEIVING.md names them: eight about streams, and one operational event
 * about the app's own webhooks, which an app receives by subscribing a webhook (its operational webhook) to it.
 */
public enum WebhookEventType {
  STREAM_LIVE("stream.live", "Fired when a stream goes live."),
  STREAM_OFFLINE("stream.offline", "Fired when a stream ends."),
  STREAM_ERROR("stream.error", "Fired when a stream encounters an error."),
  VIEWER_JOINED("viewer.joined", "Fired when a viewer joins a stream."),
  VIEWER_COUNT_UPDATE("viewer.count.update", "Fired every 30 seconds with current viewer count."),
  RECORDING_STARTED("recording.started", "Fired when recording starts."),
  RECORDING_READY("recording.ready", "Fired when recording is processed and ready for playback."),
  CHAT_MESSAGE_NEW("chat.message.new", "Fired when a new chat message is sent."),
  WEBHOOK_DISABLED("webhook.disabled", "Fired when the platform disables one of the app's other webhooks.");

  public static final List<WebhookEventType> ALL = List.of(values());

  private static final Map<String, WebhookEventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(WebhookEventType::wireName, t -> t));

  private final String wireName;
  private final String description;

  WebhookEventType(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  /** About the app's webhooks rather than its streams: made by the deliverer, never by the router. */
  public boolean operational() {
    return this == WEBHOOK_DISABLED;
  }

  public static Optional<WebhookEventType> fromWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
