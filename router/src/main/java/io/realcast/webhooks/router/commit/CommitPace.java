package io.realcast.webhooks.router.commit;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the router commits its exactly-once transaction: every {@code floor} while it keeps up with its input,
 * up to every {@code ceiling} when it falls behind ({@link CommitPacer} decides between them).
 *
 * <p>A delivery becomes visible to the deliverers only when the transaction that wrote it commits, so the floor is
 * the router's share of the light-load latency. Every commit has a fixed cost whatever it carries (a marker on every
 * partition written, an offset commit, a wake-up for every consumer reading committed records), so under load a
 * longer interval is what lets the router catch up.
 */
public record CommitPace(Duration floor, Duration ceiling) {
  public CommitPace {
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(ceiling, "ceiling");
    if (floor.isNegative()) {
      throw new IllegalArgumentException("floor must not be negative: " + floor);
    }
    if (ceiling.compareTo(floor) < 0) {
      throw new IllegalArgumentException("ceiling " + ceiling + " must not be shorter than floor " + floor);
    }
  }

  /** Always the same interval, late input or not: the router's behaviour before pacing, kept for comparison and tests. */
  public static CommitPace fixed(Duration interval) {
    return new CommitPace(interval, interval);
  }

  /** From {@code floor} up to {@code ceiling}; a ceiling below the floor is raised to it, which fixes the interval. */
  public static CommitPace upTo(Duration floor, Duration ceiling) {
    return new CommitPace(floor, ceiling.compareTo(floor) < 0 ? floor : ceiling);
  }

  /** For reports: {@code 10ms-100ms}, or {@code 10ms} when fixed. */
  @Override
  public String toString() {
    return adapts() ? floor.toMillis() + "ms-" + ceiling.toMillis() + "ms" : floor.toMillis() + "ms";
  }

  public boolean adapts() {
    return ceiling.compareTo(floor) > 0;
  }
}
