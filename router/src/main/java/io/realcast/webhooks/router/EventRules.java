package io.realcast.webhooks.router;

import java.time.Duration;

/**
 * How the router treats producers that are not tidy (see router/README.md, "Stream state").
 *
 * @param earlyEventGrace how long viewer.joined, viewer.left and stream.offline of a stream that is not live
 *     wait for its stream.live
 * @param idleTimeout a live stream without any event for this long ends with a stream.offline
 * @param duplicateWindow a raw event whose id was seen this recently is not processed again; the end of a
 *     stream is remembered as long (to tell a late stream.offline from one of a stream never seen)
 * @param appEventsPerSecond raw events per second one app may have routed, per partition of realcast.events;
 *     above, its events wait (in order) instead of being dropped; 0 means no limit
 */
public record EventRules(Duration earlyEventGrace, Duration idleTimeout, Duration duplicateWindow, int appEventsPerSecond) {
  public static final int DEFAULT_APP_EVENTS_PER_SECOND = 2_000;
  public static final EventRules DEFAULTS = new EventRules(Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(24),
      DEFAULT_APP_EVENTS_PER_SECOND);

  public EventRules {
    if (earlyEventGrace.isNegative() || idleTimeout.toMillis() < 1 || duplicateWindow.toMillis() < 1 || appEventsPerSecond < 0) {
      throw new IllegalArgumentException("invalid event rules: " + earlyEventGrace + ", " + idleTimeout + ", "
          + duplicateWindow + ", " + appEventsPerSecond);
    }
  }

  public EventRules withEarlyEventGrace(Duration grace) {
    return new EventRules(grace, idleTimeout, duplicateWindow, appEventsPerSecond);
  }

  public EventRules withIdleTimeout(Duration idle) {
    return new EventRules(earlyEventGrace, idle, duplicateWindow, appEventsPerSecond);
  }

  public EventRules withAppEventsPerSecond(int limit) {
    return new EventRules(earlyEventGrace, idleTimeout, duplicateWindow, limit);
  }
}
