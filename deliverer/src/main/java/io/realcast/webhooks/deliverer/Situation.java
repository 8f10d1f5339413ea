package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.Delivery;
import java.time.Duration;
import java.time.Instant;

/** What {@link PlacementPolicy#place} knows when it places a delivery: values only, measured by the caller. */
public sealed interface Situation {
  Delivery delivery();

  Instant now();

  /**
   * When the newest {@code viewer.count.update} of this delivery's webhook and stream that this instance has seen was
   * computed, or null when it has seen none (or the delivery is not a count).
   */
  Instant newestCount();

  /**
   * The delivery was read from Kafka, or is about to be sent. {@code gate}: its stream's gate, if its webhook keeps
   * streams in order and the stream has one open (see {@link StreamGate}), else null.
   */
  record Arrival(Delivery delivery, Source source, Webhook webhook, Load load, Instant newestCount, StreamGate gate,
      Instant now) implements Situation {}

  /** An attempt of the delivery ended with {@code outcome}. */
  record AttemptEnded(Delivery delivery, Outcome outcome, Instant newestCount, Instant now) implements Situation {}

  /**
   * Where the record was read: {@code tier} is its retry topic's delay, or null for {@code realcast.deliveries};
   * {@code writtenAt} is the record's timestamp.
   */
  record Source(Duration tier, Instant writtenAt) {
    public static Source deliveries(Instant writtenAt) {
      return new Source(null, writtenAt);
    }

    public boolean isRetryTopic() {
      return tier != null;
    }
  }

  /**
   * Where the delivery's webhook stands in this instance's view; {@code detail} says why when it cannot be sent;
   * {@code ordered}: it keeps each stream's deliveries in order.
   */
  record Webhook(Status status, String detail, boolean ordered) {
    public static final Webhook ACTIVE = new Webhook(Status.ACTIVE, "", false);
    public static final Webhook ACTIVE_ORDERED = new Webhook(Status.ACTIVE, "", true);

    public static Webhook not(Status status, String detail) {
      return new Webhook(status, detail, false);
    }

    public enum Status {
      ACTIVE,
      /** Not in the view: not written there yet, or deleted before this instance started. */
      NOT_KNOWN,
      /** The view has seen its tombstone. */
      DELETED,
      DISABLED,
      /** Its endpoint answered 410 Gone on this instance since the subscription last changed. */
      GONE
    }
  }

  /**
   * How full things are. {@code laneQueued}: deliveries of the webhook waiting for a slot; {@code laneRound}: how many
   * it may have in flight (one round); {@code laneSlow}: its attempts take longer than the slow threshold (or one in
   * flight already has, or its rate limit makes its queue that long); {@code laneWait}: how long a slow webhook needs,
   * at the pace its attempts go, for what is ahead of a delivery that cannot start now (its queue and what this
   * instance parked for it), zero when it is not slow; {@code appBuffered}: deliveries of its app this instance holds;
   * {@code appSlow}: the app has attempts in flight and none ended within the slow threshold; {@code instanceBuffered}:
   * deliveries this instance holds.
   */
  record Load(int laneQueued, int laneRound, boolean laneSlow, Duration laneWait, int appBuffered, boolean appSlow,
      int instanceBuffered) {
    public static final Load IDLE = new Load(0, 1, false, Duration.ZERO, 0, false, 0);
  }
}
