package io.realcast.webhooks.router.state;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the router knows about one live stream. Only live streams have a state: their end (stream.offline or
 * idle expiry) removes it, so the store holds at most the streams live right now. The viewer ids themselves
 * are in their own store; this keeps the counts.
 *
 * @param session what the stream.live said
 * @param viewers distinct viewers now, the peak, and what the last viewer.count.update reported
 * @param activity when the stream last had an event, for idle expiry
 * @param cadence how many viewer.count.update events were sent, and when the next is due
 */
public record StreamState(Session session, ViewerCounts viewers, Activity activity, Cadence cadence) {

  /**
   * @param liveEventId the id of the stream.live that started this session; derived event ids come from it
   */
  public record Session(String streamId, AppId appId, EventId liveEventId, String title, Instant startedAt) {
    public Session {
      Objects.requireNonNull(streamId, "streamId");
      Objects.requireNonNull(appId, "appId");
      Objects.requireNonNull(liveEventId, "liveEventId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  /**
   * @param present distinct viewers present now: those in the viewer store plus {@code unnamed}
   * @param unnamed viewers counted before the router kept viewer ids (state written by an older version);
   *     a leave of a viewer not in the store takes one of these, so such a stream still counts down
   * @param peak the most viewers present at once during this session
   * @param lastReported viewers in the previous viewer.count.update (0 before the first)
   */
  public record ViewerCounts(long present, long unnamed, long peak, long lastReported) {
    public ViewerCounts {
      if (present < 0 || unnamed < 0 || unnamed > present || peak < present || lastReported < 0) {
        throw new IllegalArgumentException(
            "inconsistent viewer counts: " + present + "/" + unnamed + "/" + peak + "/" + lastReported);
      }
    }

    static final ViewerCounts NONE = new ViewerCounts(0, 0, 0, 0);

    ViewerCounts joined() {
      return new ViewerCounts(present + 1, unnamed, Math.max(peak, present + 1), lastReported);
    }

    /** One viewer left; an unnamed one if {@code unnamedLeft}. */
    ViewerCounts left(boolean unnamedLeft) {
      return new ViewerCounts(present - 1, unnamedLeft ? unnamed - 1 : unnamed, peak, lastReported);
    }

    ViewerCounts reported() {
      return new ViewerCounts(present, unnamed, peak, present);
    }
  }

  /**
   * @param lastSeenMillis wall-clock time (ms) the router last processed an event of this stream, to the
   *     second; {@link #UNKNOWN} for state written by an older version (counted from the next wake-up)
   * @param lastEventAt the latest {@code occurred_at} among the stream's events: the {@code ended_at} of an expiry
   */
  public record Activity(long lastSeenMillis, Instant lastEventAt) {
    public static final long UNKNOWN = -1;

    public Activity {
      Objects.requireNonNull(lastEventAt, "lastEventAt");
    }

    /** Activity of an event that happened at {@code occurredAt}, processed at {@code nowMillis}. */
    static Activity at(long nowMillis, Instant occurredAt) {
      return new Activity(toSecond(nowMillis), occurredAt);
    }

    /** After an event that happened at {@code occurredAt}, processed at {@code nowMillis}. */
    Activity seen(long nowMillis, Instant occurredAt) {
      long second = toSecond(nowMillis);
      Instant latest = occurredAt.isAfter(lastEventAt) ? occurredAt : lastEventAt;
      // Kept to the second, so that a busy chat does not rewrite the state on every message.
      if (second == lastSeenMillis && latest.getEpochSecond() == lastEventAt.getEpochSecond()) {
        return this;
      }
      return new Activity(second, latest);
    }

    private static long toSecond(long millis) {
      return millis - Math.floorMod(millis, 1000);
    }
  }

  /**
   * @param updates viewer.count.update events sent this session
   * @param nextUpdateMillis wall-clock time (ms) the next one is due; {@link Activity#UNKNOWN} for state
   *     written by an older version (due at the next wake-up)
   */
  public record Cadence(long updates, long nextUpdateMillis) {
    public Cadence {
      if (updates < 0) {
        throw new IllegalArgumentException("updates must not be negative");
      }
    }
  }

  public StreamState {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(viewers, "viewers");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(cadence, "cadence");
  }

  /** A stream that just went live, seen at {@code nowMillis}: no viewers yet, first update one interval later. */
  public static StreamState started(Session session, Instant occurredAt, long nowMillis, long intervalMillis) {
    Instant lastEvent = occurredAt.isAfter(session.startedAt()) ? occurredAt : session.startedAt();
    return new StreamState(session, ViewerCounts.NONE, Activity.at(nowMillis, lastEvent),
        new Cadence(0, nowMillis + intervalMillis));
  }

  public String streamId() {
    return session.streamId();
  }

  public AppId appId() {
    return session.appId();
  }

  public EventId liveEventId() {
    return session.liveEventId();
  }

  public Instant startedAt() {
    return session.startedAt();
  }

  /** Distinct viewers present now. */
  public long viewerCount() {
    return viewers.present();
  }

  public long peakViewers() {
    return viewers.peak();
  }

  StreamState withViewers(ViewerCounts next) {
    return new StreamState(session, next, activity, cadence);
  }

  StreamState seen(long nowMillis, Instant occurredAt) {
    Activity next = activity.seen(nowMillis, occurredAt);
    return next == activity ? this : new StreamState(session, viewers, next, cadence);
  }

  /** After a viewer.count.update reported the current count; the next is due at {@code nextUpdateMillis}. */
  StreamState reported(long nextUpdateMillis) {
    return new StreamState(session, viewers.reported(), activity, new Cadence(cadence.updates() + 1, nextUpdateMillis));
  }
}
