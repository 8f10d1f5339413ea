package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a delivery goes next: the one answer of {@link PlacementPolicy#place}. A delivery is placed when it
 * arrives from Kafka, again just before it is sent (its webhook may have changed meanwhile), and after each attempt.
 */
public sealed interface Placement {
  /** Into its webhook's lane: sent as soon as the lane, its app and the instance have a free slot. */
  record SendNow() implements Placement {}

  /** Not due yet: its partition waits, without reading further, until {@code at}. */
  record HoldUntil(Instant at) implements Placement {}

  /**
   * Its webhook is not in this instance's view yet, but the record is only just written: the view is most likely a
   * moment behind the router. It and the rest of its webhook wait (others behind it on the partition go on) and are
   * placed again at {@code at}; deferring now could let the webhook's next delivery, placed once the view has caught
   * up, overtake it.
   */
  record WaitForWebhook(Instant at) implements Placement {}

  /**
   * Its app or the instance holds as much as it may, but what it holds drains quickly: its partition waits until
   * room frees (backpressure), instead of the delivery cycling through a retry topic.
   */
  record HoldForCapacity() implements Placement {}

  /** Waits durably in the retry topic of {@code tier} until {@code dueAt}, without an attempt being counted. */
  record Defer(Duration tier, Instant dueAt, DeferReason reason) implements Placement {}

  /** The attempt failed temporarily: try again at {@code dueAt}, through the retry topic of {@code tier}. */
  record Retry(Duration tier, Instant dueAt) implements Placement {}

  /**
   * A delivery of an ordered webhook read from a retry topic, due now: back to {@code realcast.deliveries}, where the
   * one deliverer that owns its webhook's partition decides it, in turn with the rest of its stream (see
   * {@link StreamGate}).
   */
  record Return() implements Placement {}

  /** A newer {@code viewer.count.update} of the same webhook and stream exists: this one is not sent (again). Final. */
  record Superseded() implements Placement {}

  /** Answered 2xx: nothing more to do. */
  record Delivered() implements Placement {}

  /** Given up on: to the dead-letter topic with {@code reason}. */
  record Dead(DeadReason reason, String detail) implements Placement {}

  /** Why a delivery waits in a retry topic without an attempt. A bounded metric tag. */
  enum DeferReason {
    /** Its webhook's attempts are slow (or hang) and its lane already holds a round of work. */
    SLOW_WEBHOOK,
    /** Its app holds its share of the instance and its attempts make no progress. */
    SLOW_APP,
    /** The router knows the webhook and this instance's view of {@code realcast.webhooks} does not yet. */
    WEBHOOK_NOT_KNOWN_YET,
    /** It is due later than its retry topic's delay (a long Retry-After): parked again in the right topic. */
    LONG_WAIT,
    /** An earlier delivery of its ordered stream is not final yet, and its lane or app holds enough already. */
    ORDERED_WAIT;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
