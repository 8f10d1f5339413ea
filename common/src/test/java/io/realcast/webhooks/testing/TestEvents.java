package io.realcast.webhooks.testing;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawData;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawStreamOffline;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.RecordingReady;
import io.realcast.webhooks.event.RecordingStarted;
import io.realcast.webhooks.event.StreamError;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builders for raw events of every type with the integration guide's values as defaults, for tests of
 * every module. Times have second precision, as on the wire, so events survive a JSON round trip equal.
 *
 * <pre>{@code
 * RawEvent live = TestEvents.event().stream("stream_1").at(T0).streamLive("My title", "user_1");
 * List<RawEvent> all = TestEvents.oneOfEachType();
 * }</pre>
 */
public final class TestEvents {
  public static final Instant T0 = Instant.parse("2024-12-09T10:00:00Z");
  public static final AppId APP = AppId.of("app_xyz789");
  public static final String STREAM = "stream_abc123";

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private TestEvents() {}

  /** A builder with defaults: a fresh {@code evt_test…} id, {@link #APP}, {@link #STREAM}, {@link #T0}. */
  public static Builder event() {
    return new Builder();
  }

  /** A fresh, unique event id ({@code evt_test<n>}); deterministic within one JVM run. */
  public static EventId nextId() {
    return EventId.of("evt_test" + SEQUENCE.incrementAndGet());
  }

  /** One event of every raw type, in {@link RawEventType} order, with default values. */
  public static List<RawEvent> oneOfEachType() {
    return Arrays.stream(RawEventType.values()).map(t -> event().ofType(t)).toList();
  }

  /** Fluent builder; mutable, so take a fresh one from {@link TestEvents#event()} per event. */
  public static final class Builder {
    private EventId id;
    private AppId app = APP;
    private String stream = STREAM;
    private Instant at = T0;

    private Builder() {}

    public Builder id(String eventId) {
      this.id = EventId.of(eventId);
      return this;
    }

    public Builder app(String appId) {
      this.app = AppId.of(appId);
      return this;
    }

    public Builder app(AppId appId) {
      this.app = appId;
      return this;
    }

    public Builder stream(String streamId) {
      this.stream = streamId;
      return this;
    }

    public Builder at(Instant occurredAt) {
      this.at = occurredAt;
      return this;
    }

    public RawEvent with(RawData data) {
      return new RawEvent(id == null ? nextId() : id, app, at, data);
    }

    /** An event of {@code type} with the guide's example values. */
    public RawEvent ofType(RawEventType type) {
      return switch (type) {
        case STREAM_LIVE -> streamLive();
        case STREAM_OFFLINE -> streamOffline();
        case STREAM_ERROR -> streamError();
        case VIEWER_JOINED -> viewerJoined("viewer_def456");
        case VIEWER_LEFT -> viewerLeft("viewer_def456");
        case RECORDING_STARTED -> recordingStarted("rec_ghi789");
        case RECORDING_READY -> recordingReady("rec_ghi789");
        case CHAT_MESSAGE_NEW -> chat("GamerPro", "Great stream!");
      };
    }

    public RawEvent streamLive() {
      return streamLive("Epic Gaming Session", "user_123");
    }

    public RawEvent streamLive(String title, String streamerId) {
      return with(new RawStreamLive(stream, title, streamerId, at));
    }

    public RawEvent streamOffline() {
      return with(new RawStreamOffline(stream, at));
    }

    public RawEvent streamError() {
      return streamError("ENCODER_ERROR", "Encoder disconnected unexpectedly");
    }

    public RawEvent streamError(String code, String message) {
      return with(new StreamError(stream, code, message));
    }

    public RawEvent viewerJoined(String viewerId) {
      return with(new RawViewerJoined(stream, viewerId));
    }

    public RawEvent viewerLeft(String viewerId) {
      return with(new RawViewerLeft(stream, viewerId));
    }

    public RawEvent recordingStarted(String recordingId) {
      return with(new RecordingStarted(recordingId, stream));
    }

    public RawEvent recordingReady(String recordingId) {
      return recordingReady(recordingId, "https://cdn.telegram.org/file/BAACAgIAAxkBAAI...", 3600, 524_288_000L);
    }

    public RawEvent recordingReady(String recordingId, String cdnUrl, long durationSeconds, long fileSizeBytes) {
      return with(new RecordingReady(recordingId, stream, cdnUrl, durationSeconds, fileSizeBytes));
    }

    public RawEvent chat(String userName, String message) {
      return chat("msg_jkl012", "user_456", userName, message);
    }

    public RawEvent chat(String messageId, String userId, String userName, String message) {
      return with(new ChatMessageNew(stream, messageId, userId, userName, message, at));
    }
  }
}
