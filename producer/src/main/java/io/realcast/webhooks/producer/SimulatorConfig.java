package io.realcast.webhooks.producer;

import io.realcast.webhooks.id.AppId;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A simulated load: {@code streams} concurrent live streams spread over {@code apps}, at
 * {@code eventsPerSecond}, for at most {@code duration} and at most {@code maxEvents} paced events
 * (0 = no count bound). Every stream still live at the end is then ended properly. The same seed gives
 * the same events.
 */
public record SimulatorConfig(List<AppId> apps, int streams, double eventsPerSecond, Duration duration, long maxEvents, long seed) {
  public static final double MAX_RATE = 1_000_000;

  public SimulatorConfig {
    apps = List.copyOf(apps);
    if (apps.isEmpty()) {
      throw new IllegalArgumentException("at least one app is needed");
    }
    if (streams < 1) {
      throw new IllegalArgumentException("streams must be at least 1, was " + streams);
    }
    if (!(eventsPerSecond > 0) || eventsPerSecond > MAX_RATE) {
      throw new IllegalArgumentException("rate must be above 0 and at most " + (long) MAX_RATE + " events/s, was " + eventsPerSecond);
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    if (maxEvents < 0) {
      throw new IllegalArgumentException("the event count must not be negative, was " + maxEvents);
    }
  }

  /** {@code app_sim1} … {@code app_simN}: the apps a simulation uses when none are named. */
  public static List<AppId> simulatedApps(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("apps must be at least 1, was " + count);
    }
    return IntStream.rangeClosed(1, count).mapToObj(i -> AppId.of("app_sim" + i)).toList();
  }

  /** The time between two paced events. */
  public Duration interval() {
    return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / eventsPerSecond)));
  }
}
