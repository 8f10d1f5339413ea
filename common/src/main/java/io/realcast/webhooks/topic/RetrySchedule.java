package io.realcast.webhooks.topic;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The retry schedule as data (default 1 s, 5 s, 25 s, as docs/RECEIVING.md promises) plus one pure function.
 * Each delay has its own Kafka retry topic, so records in one topic become due in the order they were
 * written and a consumer can pause a partition until its head is due.
 */
public record RetrySchedule(List<Duration> delays) {
  public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(25)));

  public RetrySchedule {
    delays = List.copyOf(delays);
    for (Duration d : delays) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("retry delays must be positive, got " + d);
      }
    }
    if (delays.stream().map(RetrySchedule::label).distinct().count() != delays.size()) {
      throw new IllegalArgumentException("retry delays must be distinct: " + delays);
    }
  }

  /** Parses {@code 1s,5s,25s} (units ms, s, m, h). */
  public static RetrySchedule parse(String text) {
    if (text.isBlank()) {
      return new RetrySchedule(List.of());
    }
    return new RetrySchedule(Arrays.stream(text.split(",")).map(String::trim).map(RetrySchedule::parseDelay).toList());
  }

  public int maxAttempts() {
    return delays.size() + 1;
  }

  /** The delay before attempt {@code attemptNumber + 1}, or empty when {@code attemptNumber} was the last. */
  public Optional<Duration> delayAfter(int attemptNumber) {
    return attemptNumber >= 1 && attemptNumber <= delays.size() ? Optional.of(delays.get(attemptNumber - 1)) : Optional.empty();
  }

  /** {@code 1s}, {@code 500ms}, {@code 2m}: the suffix of the retry topic for this delay. */
  public static String label(Duration d) {
    if (d.toMillis() % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }

  static Duration parseDelay(String text) {
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      long n = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("a delay is a whole number with a unit ms, s, m or h, like 5s; got \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return String.join(",", delays.stream().map(RetrySchedule::label).toList());
  }
}
