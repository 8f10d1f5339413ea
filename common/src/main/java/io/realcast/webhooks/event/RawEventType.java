package io.realcast.webhooks.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The raw platform events that streaming services publish (producer/README.md). */
public enum RawEventType {
  STREAM_LIVE("stream.live", RawStreamLive::read),
  STREAM_OFFLINE("stream.offline", RawStreamOffline::read),
  STREAM_ERROR("stream.error", StreamError::read),
  VIEWER_JOINED("viewer.joined", RawViewerJoined::read),
  VIEWER_LEFT("viewer.left", RawViewerLeft::read),
  RECORDING_STARTED("recording.started", RecordingStarted::read),
  RECORDING_READY("recording.ready", RecordingReady::read),
  CHAT_MESSAGE_NEW("chat.message.new", ChatMessageNew::read);

  private static final Map<String, RawEventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RawEventType::wireName, t -> t));

  private final String wireName;
  private final Function<FieldReader, RawData> reader;

  RawEventType(String wireName, Function<FieldReader, RawData> reader) {
    this.wireName = wireName;
    this.reader = reader;
  }

  public String wireName() {
    return wireName;
  }

  RawData read(FieldReader fields) {
    return reader.apply(fields);
  }

  public static Optional<RawEventType> fromWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
