package io.realcast.webhooks.event;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The eight events subscribers receive, as docs/RECEIVING.md names them. */
public enum WebhookEventType {
  STREAM_LIVE("stream.live", "Fired when a stream goes live."),
  STREAM_OFFLINE("stream.offline", "Fired when a stream ends."),
  STREAM_ERROR("stream.error", "Fired when a stream encounters an error."),
  VIEWER_JOINED("viewer.joined", "Fired when a viewer joins a stream."),
  VIEWER_COUNT_UPDATE("viewer.count.update", "Fired every 30 seconds with current viewer count."),
  RECORDING_STARTED("recording.started", "Fired when recording starts."),
  RECORDING_READY("recording.ready", "Fired when recording is processed and ready for playback."),
  CHAT_MESSAGE_NEW("chat.message.new", "Fired when a new chat message is sent.");

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

  public static Optional<WebhookEventType> fromWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
