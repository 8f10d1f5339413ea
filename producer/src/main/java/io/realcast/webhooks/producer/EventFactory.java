package io.realcast.webhooks.producer;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawData;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawStreamOffline;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.RecordingReady;
import io.realcast.webhooks.event.RecordingStarted;
import io.realcast.webhooks.event.StreamError;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Builds raw events "happening now": a fresh {@code evt_} id and the injected clock's time for
 * {@code occurred_at} and the event's own time field. Times are cut to whole seconds, the precision of the
 * wire format, so an event equals itself after a trip through Kafka.
 */
public final class EventFactory {
  private final Clock clock;
  private final Supplier<EventId> ids;

  /** Random, time-ordered ids. */
  public EventFactory(Clock clock) {
    this(clock, () -> EventId.random(clock));
  }

  /** Ids from {@code ids}, e.g. drawn from a seeded generator for a reproducible simulation. */
  public EventFactory(Clock clock, Supplier<EventId> ids) {
    this.clock = clock;
    this.ids = ids;
  }

  public RawEvent streamLive(AppId app, String streamId, String title, String streamerId) {
    Instant now = now();
    return event(app, new RawStreamLive(streamId, title, streamerId, now));
  }

  public RawEvent streamOffline(AppId app, String streamId) {
    Instant now = now();
    return event(app, new RawStreamOffline(streamId, now));
  }

  public RawEvent streamError(AppId app, String streamId, String errorCode, String errorMessage) {
    return event(app, new StreamError(streamId, errorCode, errorMessage));
  }

  public RawEvent viewerJoined(AppId app, String streamId, String viewerId) {
    return event(app, new RawViewerJoined(streamId, viewerId));
  }

  public RawEvent viewerLeft(AppId app, String streamId, String viewerId) {
    return event(app, new RawViewerLeft(streamId, viewerId));
  }

  public RawEvent recordingStarted(AppId app, String streamId, String recordingId) {
    return event(app, new RecordingStarted(recordingId, streamId));
  }

  /** @param durationSeconds length of the recording; @param fileSizeBytes size of the file */
  public RawEvent recordingReady(
      AppId app, String streamId, String recordingId, String cdnUrl, long durationSeconds, long fileSizeBytes) {
    return event(app, new RecordingReady(recordingId, streamId, cdnUrl, durationSeconds, fileSizeBytes));
  }

  public RawEvent chatMessage(AppId app, String streamId, String messageId, String userId, String userName, String message) {
    Instant now = now();
    return event(app, new ChatMessageNew(streamId, messageId, userId, userName, message, now));
  }

  /** occurred_at keeps milliseconds (latency is measured from it); times inside data are whole seconds, as webhooks show them. */
  private RawEvent event(AppId app, RawData data) {
    return new RawEvent(ids.get(), app, clock.instant().truncatedTo(ChronoUnit.MILLIS), data);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
