package io.realcast.webhooks.router.state;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the router knows about one live stream. Only live streams have a state: stream.offline removes
 * it, so the store holds at most the streams live right now.
 *
 * @param liveEventId the id of the stream.live that started this session; viewer-count event ids derive from it
 * @param viewers concurrent viewers now (joins minus leaves, never below 0)
 * @param peakViewers the most concurrent viewers during this session
 * @param lastReportedViewers viewers in the previous viewer.count.update (0 before the first)
 * @param updates how many viewer.count.update events this session has had
 */
public record StreamState(
    String streamId,
    AppId appId,
    EventId liveEventId,
    String title,
    Instant startedAt,
    long viewers,
    long peakViewers,
    long lastReportedViewers,
    long updates) {

  public StreamState {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(liveEventId, "liveEventId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(startedAt, "startedAt");
    if (viewers < 0 || peakViewers < viewers || lastReportedViewers < 0 || updates < 0) {
      throw new IllegalArgumentException("inconsistent viewer counts: " + viewers + "/" + peakViewers + "/"
          + lastReportedViewers + "/" + updates);
    }
  }

  /** A stream that just went live: no viewers yet. */
  public static StreamState started(String streamId, AppId appId, EventId liveEventId, String title, Instant startedAt) {
    return new StreamState(streamId, appId, liveEventId, title, startedAt, 0, 0, 0, 0);
  }

  public StreamState withViewers(long now) {
    return new StreamState(streamId, appId, liveEventId, title, startedAt, now, Math.max(peakViewers, now),
        lastReportedViewers, updates);
  }

  /** After a viewer.count.update reported the current count. */
  public StreamState reported() {
    return new StreamState(streamId, appId, liveEventId, title, startedAt, viewers, peakViewers, viewers, updates + 1);
  }
}
