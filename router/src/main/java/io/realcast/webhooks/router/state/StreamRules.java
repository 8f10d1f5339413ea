package io.realcast.webhooks.router.state;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing rules of stream state.
 *
 * @param viewerCountInterval a live stream's viewer.count.update comes this often, counted from its own stream.live
 * @param earlyEventGrace how long an event that needs a live stream waits for the stream's stream.live
 * @param idleTimeout a live stream without any event for this long ends with a stream.offline
 */
public record StreamRules(Duration viewerCountInterval, Duration earlyEventGrace, Duration idleTimeout) {
  public static final Duration DEFAULT_EARLY_EVENT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
  /** Wake-ups (ticks, expiries, held events) are checked at least this often. */
  static final Duration MAX_WAKE_UP_PERIOD = Duration.ofSeconds(1);

  public StreamRules {
    Objects.requireNonNull(viewerCountInterval, "viewerCountInterval");
    Objects.requireNonNull(earlyEventGrace, "earlyEventGrace");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (viewerCountInterval.toMillis() < 1 || idleTimeout.toMillis() < 1 || earlyEventGrace.isNegative()) {
      throw new IllegalArgumentException("viewer count interval and idle timeout must be at least 1 ms, grace not negative");
    }
  }

  public static StreamRules defaults(Duration viewerCountInterval) {
    return new StreamRules(viewerCountInterval, DEFAULT_EARLY_EVENT_GRACE, DEFAULT_IDLE_TIMEOUT);
  }

  /** How often the router looks for due work: every second, or every interval when that is shorter. */
  public Duration wakeUpPeriod() {
    return viewerCountInterval.compareTo(MAX_WAKE_UP_PERIOD) < 0 ? viewerCountInterval : MAX_WAKE_UP_PERIOD;
  }

  public StreamRules withEarlyEventGrace(Duration grace) {
    return new StreamRules(viewerCountInterval, grace, idleTimeout);
  }

  public StreamRules withIdleTimeout(Duration idle) {
    return new StreamRules(viewerCountInterval, earlyEventGrace, idle);
  }
}
