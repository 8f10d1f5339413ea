package io.realcast.webhooks.deliverer.internal;

/**
 * The in-flight limit of a webhook that names none of its own: it starts at the instance's default (the floor) and
 * moves once per round (as many ended attempts as the limit). It rises by an eighth while every attempt of the round
 * ended with work waiting behind a full lane and the round took no longer than {@link #TOLERANCE} × the quickest
 * round seen: more in flight bought throughput without queueing at the endpoint, as for an endpoint a long round trip
 * away. It falls by a quarter when a round is slower than that, or when the endpoint pushed back (timeout, transport
 * failure, 408, 429, 5xx), and never below the floor, so a struggling endpoint gets what every webhook got before.
 * Additive increase and multiplicative decrease on round time, in the manner of TCP Vegas.
 *
 * <p>The quickest round drifts up towards slower ones only while the limit is at the floor: a path that became slower
 * is learned there, but an endpoint that already queues at the floor (its answer time grows with the limit) cannot
 * walk the limit up by raising its own yardstick; it keeps it within about the tolerance of the floor. Used by the
 * dispatcher's thread only.
 */
final class InFlightLimit {
  /** How much slower than the quickest round a round may be and still count as no queueing at the endpoint. */
  static final double TOLERANCE = 1.25;
  /** How far the quickest round moves towards a slower one each round at the floor: a changed path is learned in tens. */
  private static final double BASELINE_DRIFT = 1.0 / 16;

  private final int floor;
  private final int ceiling;
  private int limit;
  /** The quickest round's average attempt duration, drifting up slowly at the floor; 0 until a round has ended. */
  private double baselineNanos;
  private int ended;
  private long sumNanos;
  private boolean alwaysFull = true;
  private boolean pushedBack;

  InFlightLimit(int floor, int ceiling) {
    if (floor < 1 || ceiling < floor) {
      throw new IllegalArgumentException("need 1 ≤ floor ≤ ceiling, got " + floor + " and " + ceiling);
    }
    this.floor = floor;
    this.ceiling = ceiling;
    this.limit = floor;
  }

  int current() {
    return limit;
  }

  /**
   * An attempt ended after {@code tookNanos}; {@code full}: the lane was at its limit with work waiting when it ended;
   * {@code pushedBack}: the endpoint did not take it (timeout, transport failure, 408, 429, 5xx).
   */
  void ended(long tookNanos, boolean full, boolean pushedBack) {
    ended++;
    sumNanos += tookNanos;
    alwaysFull &= full;
    this.pushedBack |= pushedBack;
    if (ended >= limit) {
      roundEnded();
    }
  }

  private void roundEnded() {
    double average = (double) sumNanos / ended;
    boolean atFloor = limit == floor;
    boolean queueing = baselineNanos > 0 && average > TOLERANCE * baselineNanos;
    if (pushedBack || queueing) {
      limit = Math.max(floor, limit - limit / 4);
    } else if (alwaysFull) {
      limit = Math.min(ceiling, limit + Math.max(1, limit / 8));
    }
    if (baselineNanos == 0 || average < baselineNanos) {
      baselineNanos = average;
    } else if (atFloor && !pushedBack) { // a round of timeouts says nothing about how quick the endpoint is
      baselineNanos += BASELINE_DRIFT * (average - baselineNanos);
    }
    ended = 0;
    sumNanos = 0;
    alwaysFull = true;
    pushedBack = false;
  }
}
