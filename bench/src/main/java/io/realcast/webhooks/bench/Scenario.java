package io.realcast.webhooks.bench;

/** What {@code realcast bench <scenario>} measures. Every scenario starts with the ceiling. */
public enum Scenario {
  /** The raw-HTTP ceiling alone. */
  CEILING,
  /** The headline: every raw event fanned out to its app's subscriptions, every delivery signed. */
  FANOUT,
  /** {@link #FANOUT}, then the same with 5% slow and 5% failing endpoints, side by side. */
  NOISY,
  /** Capacity with one deliverer JVM, then with two. */
  SCALE,
  /**
   * One webhook alone with a large backlog, against a fast receiver and against one that answers after the
   * endpoint delay, next to the fan-out capacity of the same run.
   */
  SINGLE
}
